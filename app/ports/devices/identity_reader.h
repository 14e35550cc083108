#pragma once

#include "app/ports/devices/device_health.h"

#include <QMetaType>
#include <QObject>
#include <QString>

namespace hk {

// What a card on the reader says about its holder, for one check-in. It lives only for the call
// that receives it: the check-in keeps the digest and masked forms (DESIGN §5, §6), and none of it
// is ever logged.
struct IdentityDocument {
    enum class Kind {
        ResidentCard,        // 居民身份证
        ResidencePermit,     // 港澳台居民居住证
        ForeignerPermanent,  // 外国人永久居留身份证 (2017 or 2023)
    };
    Kind kind = Kind::ResidentCard;
    QString number; // the ID number, checked (GB 11643 where it applies)
    QString name;   // as printed on the card
};

// Why a card on the reader gave no identity. The reader has retried what is worth retrying.
struct CardReadFailure {
    enum class Kind {
        Unreadable,    // select, authentication or read failed: place the card again
        UnknownCard,   // not a card type the terminal knows
        InvalidNumber, // the number fails its check: a damaged or counterfeit card
        ReaderFault,   // the reader itself cannot work (SAM self-test, authorisation)
    };
    Kind kind = Kind::Unreadable;
    QString detail; // for the log and technicians: the SW3 code and its meaning, never card data
};

// An ID-card reader as the services see it: it finds, reads and reports each card placed on it
// once, however long it lies there.
class IdentityReader : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual DeviceHealth health() const = 0;

Q_SIGNALS:
    void cardRead(const hk::IdentityDocument &document);
    void cardFailed(const hk::CardReadFailure &failure);
    void healthChanged(const hk::DeviceHealth &health);
};

} // namespace hk

Q_DECLARE_METATYPE(hk::IdentityDocument)
Q_DECLARE_METATYPE(hk::CardReadFailure)
