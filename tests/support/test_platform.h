#pragma once

// A platform of the test's own (DESIGN §6): an Ed25519 key pair made for this run (no private key
// is kept anywhere), the center's match key, signed booking codes and cache rows as the sync
// would store them. Header-only; users link hallkiosk::platform (and hallkiosk::services for the
// digest).

#include "app/domain/booking/booking_token.h"
#include "app/ports/stores/booking_store.h"
#include "app/services/checkin/applicant_identity.h"
#include "platform/ed25519_key.h"

#include <QDir>
#include <QFile>

#include <optional>

namespace hk::test {

struct TestPlatform {
    Ed25519PrivateKey key = Ed25519PrivateKey::generate().value();
    QByteArray matchKey = QByteArrayLiteral("e2e-match-key-5d41402abc4b2a76b9719d911017c592");
    QString center = QStringLiteral("SQ-001");

    // platform.pem and match.key in `dir`, as platform.public_key_file / match_key_file name them.
    QString publicKeyFile(const QString &dir) const
    {
        const QString path = QDir(dir).filePath(QStringLiteral("platform.pem"));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(key.publicKey().toPem());
        return path;
    }
    QString matchKeyFile(const QString &dir) const
    {
        const QString path = QDir(dir).filePath(QStringLiteral("match.key"));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(matchKey + "\n");
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret (DESIGN §16)
        return path;
    }

    QByteArray code(const QString &bookingId, const QDateTime &slot, const char *matter = "SB-001",
                    std::optional<QDateTime> expires = std::nullopt) const
    {
        BookingToken t;
        t.center = center.toStdString();
        t.bookingId = bookingId.toStdString();
        t.matter = matter;
        t.slotStartUnix = slot.toSecsSinceEpoch();
        t.expiresUnix = expires.value_or(slot.addSecs(30 * 60)).toSecsSinceEpoch();
        t.signature = key.sign(QByteArray::fromStdString(t.signedText())).toStdString();
        return QByteArray::fromStdString(t.format());
    }
    // The same code with one signature character changed: what a forger could make.
    QByteArray forged(const QString &bookingId, const QDateTime &slot) const
    {
        QByteArray c = code(bookingId, slot);
        const qsizetype at = c.lastIndexOf('.') + 3;
        c[at] = c.at(at) == 'A' ? 'B' : 'A';
        return c;
    }

    BookingRecord booking(const QString &id, const QDateTime &slot, const QString &idNumber, const char *matter,
                          const char *group, BookingState state = BookingState::Booked) const
    {
        BookingRecord b;
        b.id = id;
        b.version = 1;
        b.status = state;
        b.matterCode = QString::fromLatin1(matter);
        b.groupCode = QString::fromLatin1(group);
        b.slotStart = slot;
        b.slotEnd = slot.addSecs(3600);
        b.channel = QStringLiteral("online");
        b.nameMasked = identity::maskName(QStringLiteral("张三"));
        b.idDigest = identity::idDigest(matchKey, idNumber);
        b.idMasked = identity::maskIdNumber(idNumber);
        return b;
    }
};

} // namespace hk::test
