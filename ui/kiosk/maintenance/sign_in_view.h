#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace hk {

// The maintenance menu's sign-in (DESIGN §12): the technicians' names as big buttons, then a PIN
// pad — digits, 删除, 确定, 返回 — with what the last try said. A view: it reports the technician
// chosen and the PIN entered; the gate signs in and tells it what to say.
class TechnicianSignInView : public QWidget {
    Q_OBJECT
public:
    struct Technician {
        QString id;
        QString name;
    };
    static constexpr int kMaxPinDigits = 12;

    explicit TechnicianSignInView(QWidget *parent = nullptr);

    void setTechnicians(const QList<Technician> &technicians);
    void showNames();                 // the first step, the PIN forgotten
    void showPinPad(const Technician &technician);
    void setMessage(const QString &text, bool alert); // under the PIN; empty clears it
    void clearPin();
    QString chosenId() const { return m_chosen.id; }

Q_SIGNALS:
    void pinEntered(const QString &staffId, const QString &pin);
    void cancelled(); // 返回 on the names: back to the citizens' screens

private:
    void refreshPin();

    QStackedWidget *m_steps;
    QWidget *m_names;
    QGridLayout *m_nameGrid;
    QList<QPushButton *> m_nameButtons;
    QLabel *m_namesHint;
    QWidget *m_pad;
    QLabel *m_who;
    QLabel *m_pinDots;
    QLabel *m_message;
    QPushButton *m_ok;
    Technician m_chosen;
    QString m_pin;
};

} // namespace hk
