#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace hk {

// A message screen: a title and a plain explanation of what happened and what to do next.
class NoticeView : public QWidget {
    Q_OBJECT
public:
    enum class Tone { Info, Alert };
    explicit NoticeView(QWidget *parent = nullptr);

    // Shows the message; any action offered before is withdrawn.
    void show(Tone tone, const QString &title, const QString &text);
    // One thing the citizen can do instead, as a large button under the text (empty: none).
    void setAction(const QString &label);

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_action;
};

} // namespace hk
