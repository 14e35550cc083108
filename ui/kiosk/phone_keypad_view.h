#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace hk {

// The phone number on an on-screen keypad (DESIGN §14): the digits shown large (a number the
// citizen must check, ≥ 60 px, in groups 3-4-4), ten digit keys, 删除 and 清空, and 确认. It only
// collects digits; whether they make a mobile number is the presenter's to say (setError).
class PhoneKeypadView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxDigits = 11;

    explicit PhoneKeypadView(QWidget *parent = nullptr);

    void reset(const QString &title);
    QString digits() const { return m_digits; }
    void setError(const QString &text); // empty hides it

Q_SIGNALS:
    void confirmed(const QString &digits);

protected:
    void changeEvent(QEvent *event) override; // LanguageChange: the texts it set itself, again

private:
    void retranslate();
    void press(QChar digit);
    void refresh();

    QLabel *m_title;
    QLabel *m_number;
    QLabel *m_error;
    QPushButton *m_confirm;
    QString m_digits;
};

} // namespace hk
