#include "ui/kiosk/maintenance/sign_in_view.h"

#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/maintenance/maintenance_style.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hk {

using namespace kiosk::maintenance;

TechnicianSignInView::TechnicianSignInView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 32, 48, 32);
    m_steps = new QStackedWidget(this);
    layout->addWidget(m_steps);

    // Step 1: who signs in.
    m_names = new QWidget(m_steps);
    auto *names = new QVBoxLayout(m_names);
    names->setSpacing(kGapPx);
    QLabel *title = label(m_names, kTitlePx, "signInTitle");
    title->setText(QStringLiteral("技术人员登录：请选择您的名字"));
    names->addWidget(title);
    m_namesHint = label(m_names, kTextPx, "signInHint");
    names->addWidget(m_namesHint);
    m_nameGrid = new QGridLayout;
    m_nameGrid->setSpacing(kGapPx + 8);
    names->addLayout(m_nameGrid);
    names->addStretch(1);
    QPushButton *back = button(m_names, QStringLiteral("返回"), "signInBack");
    back->setMinimumWidth(240);
    names->addWidget(back, 0, Qt::AlignRight);
    connect(back, &QPushButton::clicked, this, &TechnicianSignInView::cancelled);
    m_steps->addWidget(m_names);

    // Step 2: the PIN.
    m_pad = new QWidget(m_steps);
    auto *pad = new QVBoxLayout(m_pad);
    pad->setSpacing(kGapPx);
    m_who = label(m_pad, kTitlePx, "pinWho");
    pad->addWidget(m_who);
    m_pinDots = label(m_pad, kTitlePx, "pinDots", false);
    m_pinDots->setMinimumHeight(64);
    m_pinDots->setAccessibleName(QStringLiteral("已输入的密码位数"));
    pad->addWidget(m_pinDots);
    m_message = label(m_pad, kTextPx, "pinMessage");
    m_message->setMinimumHeight(80);
    pad->addWidget(m_message);
    pad->addStretch(1);
    auto *keys = new QGridLayout;
    keys->setSpacing(kGapPx + 8);
    for (int digit = 1; digit <= 10; ++digit) {
        const int d = digit % 10;
        QPushButton *key = button(m_pad, QString::number(d), qPrintable(QStringLiteral("pinKey%1").arg(d)));
        key->setFont(kiosk::typeface(48, true));
        key->setMinimumSize(200, 140);
        connect(key, &QPushButton::clicked, this, [this, d] {
            if (m_pin.size() < kMaxPinDigits)
                m_pin += QString::number(d);
            setMessage({}, false);
            refreshPin();
        });
        if (d == 0)
            keys->addWidget(key, 3, 1);
        else
            keys->addWidget(key, (digit - 1) / 3, (digit - 1) % 3);
    }
    QPushButton *erase = button(m_pad, QStringLiteral("删除"), "pinErase");
    erase->setMinimumSize(200, 140);
    keys->addWidget(erase, 3, 0);
    connect(erase, &QPushButton::clicked, this, [this] {
        m_pin.chop(1);
        refreshPin();
    });
    m_ok = button(m_pad, QStringLiteral("确定"), "pinOk");
    m_ok->setMinimumSize(200, 140);
    keys->addWidget(m_ok, 3, 2);
    connect(m_ok, &QPushButton::clicked, this, [this] {
        if (!m_pin.isEmpty())
            Q_EMIT pinEntered(m_chosen.id, m_pin);
    });
    auto *keysRow = new QHBoxLayout;
    keysRow->addStretch(1);
    keysRow->addLayout(keys);
    keysRow->addStretch(1);
    pad->addLayout(keysRow);
    QPushButton *padBack = button(m_pad, QStringLiteral("返回"), "pinBack");
    padBack->setMinimumWidth(240);
    pad->addWidget(padBack, 0, Qt::AlignRight);
    connect(padBack, &QPushButton::clicked, this, &TechnicianSignInView::showNames);
    m_steps->addWidget(m_pad);
    showNames();
}

void TechnicianSignInView::setTechnicians(const QList<Technician> &technicians)
{
    qDeleteAll(m_nameButtons);
    m_nameButtons.clear();
    int i = 0;
    for (const Technician &t : technicians) {
        QPushButton *b = button(m_names, QStringLiteral("%1\n%2").arg(t.name, t.id),
                                qPrintable(QStringLiteral("technician_%1").arg(t.id)));
        b->setMinimumSize(440, 160);
        connect(b, &QPushButton::clicked, this, [this, t] { showPinPad(t); });
        m_nameGrid->addWidget(b, i / 2, i % 2);
        m_nameButtons.append(b);
        ++i;
    }
    m_namesHint->setText(technicians.isEmpty() ? QStringLiteral("员工文件中没有技术人员（角色 technician），无法登录维护菜单。")
                                               : QStringLiteral("按住左上角 5 秒进入；仅限技术人员。"));
}

void TechnicianSignInView::showNames()
{
    m_chosen = {};
    clearPin();
    setMessage({}, false);
    m_steps->setCurrentWidget(m_names);
}

void TechnicianSignInView::showPinPad(const Technician &technician)
{
    m_chosen = technician;
    clearPin();
    setMessage({}, false);
    m_who->setText(QStringLiteral("%1（%2）请输入密码").arg(technician.name, technician.id));
    m_steps->setCurrentWidget(m_pad);
}

void TechnicianSignInView::setMessage(const QString &text, bool alert)
{
    m_message->setText(text);
    m_message->setStyleSheet(alert ? QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)) : QString());
}

void TechnicianSignInView::clearPin()
{
    m_pin.clear();
    refreshPin();
}

void TechnicianSignInView::refreshPin()
{
    // Dots only, never the digits; their count in words for a screen reader.
    m_pinDots->setText(m_pin.isEmpty() ? QStringLiteral("（未输入）") : QString(m_pin.size(), QChar(0x25CF)));
    m_pinDots->setAccessibleDescription(QStringLiteral("已输入 %1 位").arg(m_pin.size()));
    m_ok->setEnabled(!m_pin.isEmpty());
}

} // namespace hk
