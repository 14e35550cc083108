#pragma once

#include <QWidget>

class QLabel;

namespace hk {

// A message screen: a title and a plain explanation of what happened and what to do next.
class NoticeView : public QWidget {
    Q_OBJECT
public:
    enum class Tone { Info, Alert };
    explicit NoticeView(QWidget *parent = nullptr);

    void show(Tone tone, const QString &title, const QString &text);

private:
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace hk
