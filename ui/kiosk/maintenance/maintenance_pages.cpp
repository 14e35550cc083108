#include "ui/kiosk/maintenance/maintenance_pages.h"

#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/maintenance/maintenance_style.h"

#include <QDir>
#include <QFileInfo>
#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace hk {

using namespace kiosk::maintenance;

namespace maintenanceText {

QString deviceName(const QString &role)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("printer"), QStringLiteral("打印机")},         {QStringLiteral("idcard"), QStringLiteral("身份证读卡器")},
        {QStringLiteral("scanner"), QStringLiteral("扫码器")},         {QStringLiteral("scanner_keyboard"), QStringLiteral("键盘式扫码器")},
        {QStringLiteral("camera"), QStringLiteral("摄像头")},          {QStringLiteral("hallbus"), QStringLiteral("窗口总线")},
        {QStringLiteral("voice"), QStringLiteral("语音")},
    };
    return names.value(role, role);
}

QString stateWord(DeviceHealth::State state)
{
    switch (state) {
    case DeviceHealth::State::Ok:
        return QStringLiteral("正常");
    case DeviceHealth::State::Warning:
        return QStringLiteral("警告");
    case DeviceHealth::State::Error:
        return QStringLiteral("故障");
    case DeviceHealth::State::Offline:
        return QStringLiteral("离线");
    case DeviceHealth::State::Absent:
        return QStringLiteral("未配置");
    }
    return {};
}

QString errorWord(MaintenanceError::Kind kind)
{
    switch (kind) {
    case MaintenanceError::Kind::NotFound:
        return QStringLiteral("找不到");
    case MaintenanceError::Kind::Invalid:
        return QStringLiteral("设置无效");
    case MaintenanceError::Kind::Unavailable:
        return QStringLiteral("设备或平台不可用");
    case MaintenanceError::Kind::Failed:
        return QStringLiteral("执行失败");
    }
    return {};
}

QString frameLine(const DeviceFrame &frame, const QString &time)
{
    QString line = QStringLiteral("%1 %2 %3").arg(time, frame.dir == DeviceFrame::Dir::Tx ? QStringLiteral("TX") : QStringLiteral("RX"),
                                                  QString::fromLatin1(frame.bytes.toHex(' ').toUpper()));
    if (frame.size > frame.bytes.size())
        line += QStringLiteral(" …（共 %1 字节）").arg(frame.size);
    return line;
}

} // namespace maintenanceText

using namespace maintenanceText;

namespace {

QPushButton *choiceButton(QWidget *parent, const QString &text, QButtonGroup *group, const char *name = nullptr)
{
    QPushButton *b = button(parent, text, name);
    b->setCheckable(true);
    b->setProperty("choice", true);
    group->addButton(b);
    return b;
}

QHBoxLayout *row(QVBoxLayout *column)
{
    auto *r = new QHBoxLayout;
    r->setSpacing(kGapPx + 8);
    column->addLayout(r);
    return r;
}

QString bytesText(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("未知");
    return QStringLiteral("%1 GB").arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 1);
}

QString durationText(qint64 s)
{
    return QStringLiteral("%1 天 %2 小时 %3 分").arg(s / 86400).arg((s % 86400) / 3600).arg((s % 3600) / 60);
}

} // namespace

// ---------------------------------------------------------------------------------------------------

MaintenancePage::MaintenancePage(MaintenanceContext context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    m_column = new QVBoxLayout(this);
    m_column->setContentsMargins(32, 24, 32, 16);
    m_column->setSpacing(kGapPx);
}

QLabel *MaintenancePage::addOutcome()
{
    m_outcome = label(this, kTextPx, "outcome");
    m_outcome->setMinimumHeight(60);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->hide();
    m_column->addWidget(m_outcome);
    return m_outcome;
}

void MaintenancePage::reset()
{
    if (m_outcome) {
        m_outcome->clear();
        m_outcome->hide();
    }
}

QString MaintenancePage::outcome() const
{
    return m_outcome ? unbreakable(m_outcome->text()) : QString();
}

void MaintenancePage::say(const QString &text)
{
    m_outcome->setProperty("failed", false);
    m_outcome->setText(breakable(text));
    m_outcome->setStyleSheet({}); // re-polish for the property
    m_outcome->show();
}

void MaintenancePage::sayFailed(const QString &what, const MaintenanceError &error)
{
    m_outcome->setProperty("failed", true);
    m_outcome->setText(breakable(QStringLiteral("%1失败：%2 — %3").arg(what, errorWord(error.kind), error.message)));
    m_outcome->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)));
    m_outcome->show();
}

QString MaintenancePage::localTime(const QDateTime &instant, bool withDate) const
{
    if (!instant.isValid())
        return QStringLiteral("—");
    return m_ctx.catalog.centerTime().toLocal(instant).toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                                         : QStringLiteral("HH:mm:ss.zzz"));
}

// ---------------------------------------------------------------------------------------------------
// 设备

DevicesPage::DevicesPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    m_chooser = new QGridLayout;
    m_chooser->setSpacing(kGapPx + 8);
    column()->addLayout(m_chooser);
    m_devices = new QButtonGroup(this);
    m_info = label(this, kTextPx, "deviceInfo");
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column()->addWidget(m_info);
    QLabel *logTitle = label(this, kSmallPx, "frameLogTitle", false);
    logTitle->setText(QStringLiteral("收发记录（最近 200 帧，十六进制；TX 发出，RX 收到）"));
    column()->addWidget(logTitle);
    m_frames = new QPlainTextEdit(this);
    m_frames->setObjectName(QStringLiteral("frameLog"));
    m_frames->setReadOnly(true);
    m_frames->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont mono(QStringLiteral("Noto Sans Mono CJK SC"));
    mono.setPixelSize(kSmallPx);
    m_frames->setFont(mono);
    m_frames->setAccessibleName(QStringLiteral("收发记录"));
    column()->addWidget(m_frames, 1);
    m_live.setInterval(1000);
    connect(&m_live, &QTimer::timeout, this, &DevicesPage::refresh);
    connect(&m_ctx.service, &MaintenanceService::devicesChanged, this, [this] {
        if (isVisible())
            refresh();
    });
}

void DevicesPage::showEvent(QShowEvent *event)
{
    MaintenancePage::showEvent(event);
    refresh();
    m_live.start(); // live while shown
}

void DevicesPage::hideEvent(QHideEvent *event)
{
    m_live.stop();
    MaintenancePage::hideEvent(event);
}

void DevicesPage::choose(const QString &role)
{
    m_role = role;
    m_frames->clear();
    refresh();
}

void DevicesPage::refresh()
{
    const QList<MaintenanceDevice> devices = m_ctx.service.devices();
    if (m_role.isEmpty() && !devices.isEmpty())
        m_role = devices.first().role;
    // The chooser: one button per device, its state in words on it.
    const QList<QAbstractButton *> old = m_devices->buttons();
    if (old.size() != devices.size()) {
        for (QAbstractButton *b : old) {
            m_devices->removeButton(b);
            delete b;
        }
        int i = 0;
        for (const MaintenanceDevice &d : devices) {
            QPushButton *b = choiceButton(this, {}, m_devices, qPrintable(QStringLiteral("device_%1").arg(d.role)));
            b->setMinimumSize(220, 120);
            const QString role = d.role;
            connect(b, &QPushButton::clicked, this, [this, role] { choose(role); });
            m_chooser->addWidget(b, i / 4, i % 4);
            ++i;
        }
    }
    const MaintenanceDevice *shown = nullptr;
    for (int i = 0; i < devices.size(); ++i) {
        const MaintenanceDevice &d = devices.at(i);
        auto *b = static_cast<QPushButton *>(m_devices->buttons().at(i));
        b->setText(QStringLiteral("%1\n%2").arg(deviceName(d.role), stateWord(d.health.state)));
        b->setAccessibleName(QStringLiteral("%1 %2").arg(deviceName(d.role), stateWord(d.health.state)));
        b->setChecked(d.role == m_role);
        if (d.role == m_role)
            shown = &d;
    }
    if (!shown) {
        m_info->setText(QStringLiteral("没有设备。"));
        m_frames->clear();
        return;
    }
    const DeviceCounters &c = shown->counters;
    QStringList lines;
    lines << QStringLiteral("%1（%2）").arg(deviceName(shown->role), shown->role);
    lines << QStringLiteral("地址：%1").arg(shown->uri.isEmpty() ? QStringLiteral("未配置") : shown->uri);
    lines << QStringLiteral("状态：%1%2").arg(stateWord(shown->health.state),
                                              shown->health.detail.isEmpty() ? QString() : QStringLiteral(" — ") + shown->health.detail);
    lines << QStringLiteral("最近错误：%1").arg(c.lastError.isEmpty() ? QStringLiteral("无")
                                                                        : QStringLiteral("%1（%2）").arg(c.lastError, localTime(c.lastErrorAt)));
    if (shown->role == QLatin1String("printer"))
        lines << QStringLiteral("已打印：%1 张").arg(c.ticketsPrinted);
    lines << QStringLiteral("发送 %1 字节，接收 %2 字节；帧 正常 %3 / 异常 %4；重连 %5 次")
                 .arg(c.bytesTx)
                 .arg(c.bytesRx)
                 .arg(c.framesGood)
                 .arg(c.framesBad)
                 .arg(c.reconnects);
    m_info->setText(breakable(lines.join(QLatin1Char('\n'))));

    if (!shown->traced) {
        m_frames->setPlainText(QStringLiteral("此设备没有收发记录。"));
        return;
    }
    auto frames = m_ctx.service.frames(shown->role, DeviceTrace::kCapacity);
    if (!frames) {
        m_frames->setPlainText(QStringLiteral("读取收发记录失败：%1").arg(frames.error().message));
        return;
    }
    QStringList log;
    for (const DeviceFrame &f : frames.value())
        log << frameLine(f, localTime(f.at, false));
    const QString text = log.isEmpty() ? QStringLiteral("（还没有收发）") : log.join(QLatin1Char('\n'));
    if (text != m_frames->toPlainText()) {
        QScrollBar *bar = m_frames->verticalScrollBar();
        const bool atEnd = bar->value() == bar->maximum();
        m_frames->setPlainText(text);
        if (atEnd) // the newest in view, unless the technician scrolled back to read
            bar->setValue(bar->maximum());
    }
}

// ---------------------------------------------------------------------------------------------------
// 测试

TestsPage::TestsPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    QLabel *intro = label(this, kTextPx, "testsIntro");
    intro->setText(QStringLiteral("测试不产生排队号，也不会签到；测试期间市民的刷卡和扫码不生效。"));
    column()->addWidget(intro);

    QHBoxLayout *first = row(column());
    QPushButton *print = button(this, QStringLiteral("打印测试票"), "testPrinter");
    QPushButton *card = button(this, QStringLiteral("读卡测试"), "testCard");
    QPushButton *scan = button(this, QStringLiteral("扫码测试"), "testScan");
    for (QPushButton *b : {print, card, scan}) {
        b->setMinimumWidth(280);
        first->addWidget(b);
    }
    first->addStretch(1);
    m_read = label(this, kTextPx, "testRead");
    column()->addWidget(m_read);

    QHBoxLayout *windows = row(column());
    QPushButton *previous = button(this, QStringLiteral("上一窗口"), "windowPrevious");
    m_windowLabel = label(this, kTitlePx, "testWindow", false);
    m_windowLabel->setAlignment(Qt::AlignCenter);
    m_windowLabel->setMinimumWidth(220);
    QPushButton *next = button(this, QStringLiteral("下一窗口"), "windowNext");
    previous->setMinimumWidth(200);
    next->setMinimumWidth(200);
    windows->addWidget(previous);
    windows->addWidget(m_windowLabel);
    windows->addWidget(next);
    windows->addStretch(1);
    QHBoxLayout *bus = row(column());
    QPushButton *board = button(this, QStringLiteral("窗口屏测试"), "testBoard");
    QPushButton *evaluator = button(this, QStringLiteral("评价器测试"), "testEvaluator");
    QPushButton *voice = button(this, QStringLiteral("语音测试"), "testVoice");
    for (QPushButton *b : {board, evaluator, voice}) {
        b->setMinimumWidth(280);
        bus->addWidget(b);
    }
    bus->addStretch(1);
    addOutcome();
    column()->addStretch(1);

    connect(previous, &QPushButton::clicked, this, [this] { stepWindow(-1); });
    connect(next, &QPushButton::clicked, this, [this] { stepWindow(1); });
    connect(print, &QPushButton::clicked, this, [this] {
        say(QStringLiteral("正在打印测试票…"));
        QPointer<TestsPage> self(this);
        m_ctx.service.testPrinter(m_ctx.actor, [self](Result<void, MaintenanceError> done) {
            if (!self)
                return;
            if (done)
                self->say(QStringLiteral("测试票已打印（不含排队号）。请查看出票口。"));
            else
                self->sayFailed(QStringLiteral("打印测试票"), done.error());
        });
    });
    connect(card, &QPushButton::clicked, this, [this] {
        m_ctx.service.armCardTest();
        m_read->clear();
        say(QStringLiteral("请把身份证放在读卡区（60 秒内）。只显示遮蔽后的姓名和号码。"));
    });
    connect(scan, &QPushButton::clicked, this, [this] {
        m_ctx.service.armScanTest();
        m_read->clear();
        say(QStringLiteral("请在扫码器前出示二维码（60 秒内）。"));
    });
    connect(&m_ctx.service, &MaintenanceService::cardTested, this, [this](const QString &name, const QString &number) {
        m_read->setText(breakable(QStringLiteral("读卡成功：%1　%2").arg(name, number)));
        say(QStringLiteral("读卡器工作正常。"));
    });
    connect(&m_ctx.service, &MaintenanceService::cardTestFailed, this, [this](const QString &why) {
        m_read->setText(breakable(QStringLiteral("读卡失败 — %1").arg(why)));
        say(QStringLiteral("读卡未成功，请再试一次。"));
    });
    connect(&m_ctx.service, &MaintenanceService::scanTested, this, [this](const QString &text) {
        m_read->setText(breakable(QStringLiteral("扫码内容：%1").arg(text)));
        say(QStringLiteral("扫码器工作正常。"));
    });
    connect(board, &QPushButton::clicked, this, [this] {
        const int w = window();
        const QString text = QStringLiteral("测试%1号窗口").arg(w);
        if (auto done = m_ctx.service.testBoard(w, text, m_ctx.actor); done)
            say(QStringLiteral("已发送到 %1 号窗口屏：“%2”。").arg(w).arg(text));
        else
            sayFailed(QStringLiteral("窗口屏测试"), done.error());
    });
    connect(evaluator, &QPushButton::clicked, this, [this] {
        const int w = window();
        if (auto done = m_ctx.service.testEvaluator(w, m_ctx.actor); done)
            say(QStringLiteral("已请 %1 号窗口的评价器请求评价，请在评价器上按键。").arg(w));
        else
            sayFailed(QStringLiteral("评价器测试"), done.error());
    });
    connect(voice, &QPushButton::clicked, this, [this] {
        say(QStringLiteral("正在播放测试语音…"));
        QPointer<TestsPage> self(this);
        m_ctx.service.testVoice(QStringLiteral("语音测试，请注意收听。"), m_ctx.actor, [self](Result<void, MaintenanceError> done) {
            if (!self)
                return;
            if (done)
                self->say(QStringLiteral("测试语音已播放：“语音测试，请注意收听。”"));
            else
                self->sayFailed(QStringLiteral("语音测试"), done.error());
        });
    });
}

void TestsPage::refresh()
{
    m_windows.clear();
    for (const HallWindow &w : m_ctx.catalog.catalog().windows)
        m_windows.append(w.number);
    m_windowIndex = std::clamp(m_windowIndex, 0, std::max(0, int(m_windows.size()) - 1));
    stepWindow(0);
}

void TestsPage::reset()
{
    MaintenancePage::reset();
    m_ctx.service.disarmTests();
    m_read->clear();
}

int TestsPage::window() const
{
    return m_windows.isEmpty() ? 0 : m_windows.at(m_windowIndex);
}

void TestsPage::stepWindow(int by)
{
    if (m_windows.isEmpty()) {
        m_windowLabel->setText(QStringLiteral("无窗口"));
        return;
    }
    m_windowIndex = (m_windowIndex + by + int(m_windows.size())) % int(m_windows.size());
    m_windowLabel->setText(QStringLiteral("%1 号窗口").arg(window()));
}

// ---------------------------------------------------------------------------------------------------
// 打印机

PrinterPage::PrinterPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    m_profile = label(this, kTextPx, "printerProfile");
    column()->addWidget(m_profile);
    m_paper = label(this, kTextPx, "printerPaper");
    column()->addWidget(m_paper);
    m_profileHint = label(this, kSmallPx, "profileHint");
    column()->addWidget(m_profileHint);
    m_profiles = new QGridLayout;
    m_profiles->setSpacing(kGapPx + 8);
    column()->addLayout(m_profiles);
    addOutcome();
    QLabel *previewTitle = label(this, kSmallPx, "previewTitle", false);
    previewTitle->setText(QStringLiteral("按当前型号打印的样票："));
    column()->addWidget(previewTitle);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("ticketPreview"));
    m_preview->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_preview->setAccessibleName(QStringLiteral("样票预览"));
    column()->addWidget(m_preview, 1);
}

void PrinterPage::refresh()
{
    const QString current = m_ctx.service.printerProfile();
    m_profile->setText(QStringLiteral("当前型号：%1").arg(current.isEmpty() ? QStringLiteral("无打印机") : current));
    QString paper = QStringLiteral("纸张：未知");
    for (const MaintenanceDevice &d : m_ctx.service.devices()) {
        if (d.role == QLatin1String("printer"))
            paper = QStringLiteral("纸张与状态：%1%2").arg(stateWord(d.health.state),
                                                           d.health.detail.isEmpty() ? QString() : QStringLiteral(" — ") + d.health.detail);
    }
    m_paper->setText(paper);
    qDeleteAll(m_profileButtons);
    m_profileButtons.clear();
    const QStringList shipped = m_ctx.service.shippedPrinterProfiles();
    m_profileHint->setText(shipped.isEmpty() ? QStringLiteral("此终端不能在菜单里更换型号。")
                                             : QStringLiteral("更换型号（立即生效，并写入本机设置）："));
    for (int i = 0; i < shipped.size(); ++i) {
        const QString profile = shipped.at(i);
        QPushButton *b = button(this, profile, qPrintable(QStringLiteral("profile_%1").arg(profile)));
        b->setFont(kiosk::typeface(kSmallPx, true));
        b->setMinimumWidth(440);
        b->setCheckable(true);
        b->setProperty("choice", true);
        b->setChecked(profile == current);
        connect(b, &QPushButton::clicked, this, [this, profile] {
            if (auto done = m_ctx.service.setPrinterProfile(profile, m_ctx.actor); done) {
                refresh();
                say(QStringLiteral("已改为 %1，已生效并写入本机设置。").arg(profile));
            } else {
                refresh();
                sayFailed(QStringLiteral("更换型号"), done.error());
            }
        });
        m_profiles->addWidget(b, i / 2, i % 2);
        m_profileButtons.append(b);
    }
    QPixmap preview;
    const QByteArray png = m_ctx.service.ticketPreviewPng();
    if (!png.isEmpty() && preview.loadFromData(png, "PNG")) {
        m_preview->setPixmap(preview.scaled(QSize(600, 620), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    } else {
        m_preview->setFont(kiosk::typeface(kTextPx));
        m_preview->setText(QStringLiteral("没有样票预览（无打印机）。"));
    }
}

// ---------------------------------------------------------------------------------------------------
// 端口

PortsPage::PortsPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    QHBoxLayout *head = row(column());
    m_portCount = label(this, kTextPx, "portCount");
    head->addWidget(m_portCount, 1);
    m_previous = button(this, QStringLiteral("上一页"), "portsPrevious");
    m_next = button(this, QStringLiteral("下一页"), "portsNext");
    head->addWidget(m_previous);
    head->addWidget(m_next);
    connect(m_previous, &QPushButton::clicked, this, [this] {
        m_first = std::max(0, m_first - kPortsShown);
        showPorts();
    });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_first + kPortsShown < m_ports.size())
            m_first += kPortsShown;
        showPorts();
    });
    m_portList = new QWidget(this);
    m_portLayout = new QVBoxLayout(m_portList);
    m_portLayout->setContentsMargins(0, 0, 0, 0);
    m_portLayout->setSpacing(kGapPx + 8);
    column()->addWidget(m_portList);

    QLabel *roleTitle = label(this, kSmallPx, "roleTitle", false);
    roleTitle->setText(QStringLiteral("用于："));
    column()->addWidget(roleTitle);
    QHBoxLayout *roles = row(column());
    m_roles = new QButtonGroup(this);
    for (const char *role : {"printer", "idcard", "scanner", "hallbus"}) {
        QPushButton *b = choiceButton(this, deviceName(QLatin1String(role)), m_roles, qPrintable(QStringLiteral("role_%1").arg(QLatin1String(role))));
        b->setProperty("role", QLatin1String(role));
        roles->addWidget(b);
    }
    roles->addStretch(1);
    QLabel *baudTitle = label(this, kSmallPx, "baudTitle", false);
    baudTitle->setText(QStringLiteral("波特率："));
    column()->addWidget(baudTitle);
    QHBoxLayout *bauds = row(column());
    m_bauds = new QButtonGroup(this);
    for (int baud : {9600, 19200, 38400, 57600, 115200}) {
        QPushButton *b = choiceButton(this, QString::number(baud), m_bauds, qPrintable(QStringLiteral("baud_%1").arg(baud)));
        b->setFont(kiosk::typeface(kSmallPx, true));
        m_bauds->setId(b, baud);
        bauds->addWidget(b);
    }
    bauds->addStretch(1);
    m_assign = button(this, QStringLiteral("分配端口"), "assignPort");
    m_assign->setMinimumWidth(320);
    column()->addWidget(m_assign, 0, Qt::AlignLeft);
    addOutcome();
    column()->addStretch(1);

    connect(m_assign, &QPushButton::clicked, this, [this] {
        QAbstractButton *role = m_roles->checkedButton();
        const int baud = m_bauds->checkedId();
        if (m_path.isEmpty() || !role || baud <= 0) {
            say(QStringLiteral("请先选择端口、设备和波特率。"));
            return;
        }
        const QString r = role->property("role").toString();
        const QString path = m_path;
        say(QStringLiteral("正在把 %1 分配给%2（%3 波特）…").arg(path, deviceName(r)).arg(baud));
        QPointer<PortsPage> self(this);
        m_ctx.service.assignPort(r, path, baud, m_ctx.actor, [self, r, path, baud](Result<void, MaintenanceError> done) {
            if (!self)
                return;
            self->refresh();
            if (done)
                self->say(QStringLiteral("已分配：%1 → %2，%3 波特；已生效并写入本机设置。").arg(path, deviceName(r)).arg(baud));
            else
                self->sayFailed(QStringLiteral("分配端口"), done.error());
        });
    });
}

void PortsPage::refresh()
{
    m_ports = m_ctx.service.ports();
    if (m_first >= m_ports.size())
        m_first = 0;
    showPorts();
}

void PortsPage::reset()
{
    MaintenancePage::reset();
    m_path.clear();
    m_first = 0;
}

void PortsPage::showPorts()
{
    while (QLayoutItem *item = m_portLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_portCount->setText(m_ports.isEmpty() ? QStringLiteral("没有找到串口。")
                                           : QStringLiteral("串口 %1–%2 / 共 %3 个（点选一个）")
                                                 .arg(m_first + 1)
                                                 .arg(std::min<int>(m_first + kPortsShown, m_ports.size()))
                                                 .arg(m_ports.size()));
    m_previous->setEnabled(m_first > 0);
    m_next->setEnabled(m_first + kPortsShown < m_ports.size());
    auto *group = new QButtonGroup(m_portList);
    for (int i = m_first; i < std::min<int>(m_first + kPortsShown, m_ports.size()); ++i) {
        const MaintenancePort &p = m_ports.at(i);
        QStringList lines{p.port.path};
        // The stable name of udev's 60-hallkiosk.rules (DESIGN §15) first: it is what a port is
        // assigned by, so the assignment holds whatever USB socket the device is moved to.
        QString stable;
        for (const QString &alias : p.port.aliases) {
            if (stable.isEmpty() && QFileInfo(alias).dir().dirName() == QLatin1String("hallkiosk")) // /dev/hallkiosk/…
                stable = alias;
        }
        if (!stable.isEmpty())
            lines << QStringLiteral("固定名称 %1").arg(stable);
        for (const QString &alias : p.port.aliases) {
            if (alias != stable)
                lines << alias;
        }
        QStringList about;
        if (p.port.vendorId && p.port.productId)
            about << QStringLiteral("%1:%2").arg(*p.port.vendorId, 4, 16, QLatin1Char('0')).arg(*p.port.productId, 4, 16, QLatin1Char('0'));
        if (!p.port.manufacturer.isEmpty())
            about << p.port.manufacturer;
        if (!p.port.description.isEmpty())
            about << p.port.description;
        if (!about.isEmpty())
            lines << about.join(QStringLiteral("  "));
        // A link without a baud runs at its device's default, which the page does not guess.
        lines << (p.assignedTo.isEmpty() ? QStringLiteral("未分配")
                  : p.baud > 0           ? QStringLiteral("已分配：%1，%2 波特").arg(deviceName(p.assignedTo)).arg(p.baud)
                                         : QStringLiteral("已分配：%1，默认波特率").arg(deviceName(p.assignedTo)));
        QPushButton *b = choiceButton(m_portList, lines.join(QLatin1Char('\n')), group, qPrintable(QStringLiteral("port_%1").arg(i)));
        b->setFont(kiosk::typeface(kSmallPx));
        b->setStyleSheet(QStringLiteral("text-align: left;"));
        b->setChecked(p.port.path == m_path || (!stable.isEmpty() && stable == m_path));
        const QString path = stable.isEmpty() ? p.port.path : stable;
        const QString assigned = p.assignedTo;
        const int baud = p.baud;
        connect(b, &QPushButton::clicked, this, [this, path, assigned, baud] {
            m_path = path;
            // What the port serves now is the first guess of what it should serve.
            for (QAbstractButton *r : m_roles->buttons())
                if (r->property("role").toString() == assigned)
                    r->setChecked(true);
            if (QAbstractButton *bb = m_bauds->button(baud))
                bb->setChecked(true);
        });
        m_portLayout->addWidget(b);
    }
}

// ---------------------------------------------------------------------------------------------------
// 同步

SyncPage::SyncPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    m_state = label(this, kTextPx, "syncState");
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column()->addWidget(m_state);
    QHBoxLayout *actions = row(column());
    QPushButton *pull = button(this, QStringLiteral("立即拉取"), "syncPull");
    QPushButton *push = button(this, QStringLiteral("立即推送"), "syncPush");
    for (QPushButton *b : {pull, push}) {
        b->setMinimumWidth(280);
        actions->addWidget(b);
    }
    actions->addStretch(1);
    addOutcome();
    m_parked = new QWidget(this);
    m_parkedLayout = new QVBoxLayout(m_parked);
    m_parkedLayout->setContentsMargins(0, 0, 0, 0);
    m_parkedLayout->setSpacing(kGapPx + 8);
    column()->addWidget(m_parked);
    column()->addStretch(1);
    connect(pull, &QPushButton::clicked, this, [this] {
        auto done = m_ctx.service.pullNow(m_ctx.actor);
        refresh();
        done ? say(QStringLiteral("已向平台发起拉取。")) : sayFailed(QStringLiteral("拉取"), done.error());
    });
    connect(push, &QPushButton::clicked, this, [this] {
        auto done = m_ctx.service.pushNow(m_ctx.actor);
        refresh();
        done ? say(QStringLiteral("已向平台发起推送。")) : sayFailed(QStringLiteral("推送"), done.error());
    });
}

void SyncPage::refresh()
{
    const MaintenanceSync s = m_ctx.service.sync();
    const auto at = [this](const std::optional<QDateTime> &t) { return t ? localTime(*t) : QStringLiteral("从未"); };
    QStringList lines;
    if (!s.configured)
        lines << QStringLiteral("平台：未配置（本机单独运行）");
    else
        lines << QStringLiteral("平台：%1%2").arg(s.health.online ? QStringLiteral("在线") : QStringLiteral("离线"),
                                                  s.health.online || !s.health.offlineSince ? QString()
                                                                                            : QStringLiteral("（自 %1）").arg(localTime(*s.health.offlineSince)));
    if (!s.health.lastError.isEmpty())
        lines << QStringLiteral("最近错误：%1").arg(s.health.lastError);
    lines << QStringLiteral("最近拉取：%1").arg(at(s.health.lastPull));
    lines << QStringLiteral("最近推送：%1").arg(at(s.health.lastPush));
    lines << QStringLiteral("待发送事件：%1 条%2").arg(s.outbox.pending).arg(s.outbox.oldestPendingAt ? QStringLiteral("（最早 %1）").arg(localTime(*s.outbox.oldestPendingAt))
                                                                                                          : QString());
    lines << QStringLiteral("被平台拒收（暂存）：%1 条").arg(s.outbox.parked);
    m_state->setText(breakable(lines.join(QLatin1Char('\n'))));

    while (QLayoutItem *item = m_parkedLayout->takeAt(0)) {
        if (QLayout *inner = item->layout()) {
            while (QLayoutItem *i = inner->takeAt(0)) {
                delete i->widget();
                delete i;
            }
        }
        delete item->widget();
        delete item;
    }
    const int shown = std::min<int>(kParkedShown, int(s.parked.size()));
    for (int i = 0; i < shown; ++i) {
        const ParkedEvent &e = s.parked.at(size_t(i));
        auto *line = new QHBoxLayout;
        line->setSpacing(kGapPx + 8);
        QLabel *what = label(m_parked, kSmallPx, qPrintable(QStringLiteral("parked_%1").arg(i)));
        what->setText(breakable(QStringLiteral("%1\n原因：%2").arg(e.id, e.reason)));
        line->addWidget(what, 1);
        QPushButton *resend = button(m_parked, QStringLiteral("重发"), qPrintable(QStringLiteral("resend_%1").arg(i)));
        const QString id = e.id;
        connect(resend, &QPushButton::clicked, this, [this, id] {
            auto done = m_ctx.service.resendParked(id, m_ctx.actor);
            refresh();
            done ? say(QStringLiteral("已重新放入待发送：%1").arg(id)) : sayFailed(QStringLiteral("重发"), done.error());
        });
        line->addWidget(resend);
        m_parkedLayout->addLayout(line);
    }
    if (int(s.parked.size()) > shown) {
        QLabel *more = label(m_parked, kSmallPx, "parkedMore");
        more->setText(QStringLiteral("另有 %1 条未显示；先处理上面的。").arg(int(s.parked.size()) - shown));
        m_parkedLayout->addWidget(more);
    }
}

// ---------------------------------------------------------------------------------------------------
// 数据

DataPage::DataPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    QHBoxLayout *day = row(column());
    m_close = button(this, QStringLiteral("日结"), "dayClose");
    m_close->setMinimumWidth(280);
    day->addWidget(m_close);
    m_confirm = new QWidget(this);
    auto *confirm = new QHBoxLayout(m_confirm);
    confirm->setContentsMargins(0, 0, 0, 0);
    confirm->setSpacing(kGapPx + 8);
    m_confirmClose = button(m_confirm, {}, "dayCloseConfirm");
    m_confirmClose->setMinimumWidth(360);
    QPushButton *cancel = button(m_confirm, QStringLiteral("取消"), "dayCloseCancel");
    confirm->addWidget(m_confirmClose);
    confirm->addWidget(cancel);
    day->addWidget(m_confirm);
    m_confirm->hide();
    day->addStretch(1);
    QHBoxLayout *checks = row(column());
    QPushButton *integrity = button(this, QStringLiteral("数据库检查"), "integrityCheck");
    QPushButton *audit = button(this, QStringLiteral("审计链检查"), "auditCheck");
    for (QPushButton *b : {integrity, audit}) {
        b->setMinimumWidth(280);
        checks->addWidget(b);
    }
    checks->addStretch(1);
    QLabel *exportTitle = label(this, kTextPx, "exportTitle");
    exportTitle->setText(QStringLiteral("导出日志和诊断包（不含个人信息）到 U 盘："));
    column()->addWidget(exportTitle);
    m_mediaHint = label(this, kSmallPx, "mediaHint");
    column()->addWidget(m_mediaHint);
    m_mediaGrid = new QGridLayout;
    m_mediaGrid->setSpacing(kGapPx + 8);
    column()->addLayout(m_mediaGrid);
    m_media = new QButtonGroup(this);
    m_export = button(this, QStringLiteral("导出"), "exportBundle");
    m_export->setMinimumWidth(280);
    column()->addWidget(m_export, 0, Qt::AlignLeft);
    addOutcome();
    column()->addStretch(1);

    connect(m_close, &QPushButton::clicked, this, [this] {
        m_confirmClose->setText(QStringLiteral("确认日结 %1").arg(toQDate(today()).toString(Qt::ISODate)));
        m_confirmClose->setAccessibleName(m_confirmClose->text());
        m_close->hide();
        m_confirm->show();
        say(QStringLiteral("日结会结束今天所有未办完的号，且不能撤销。确认请按“确认日结”。"));
    });
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_confirm->hide();
        m_close->show();
        say(QStringLiteral("已取消日结。"));
    });
    connect(m_confirmClose, &QPushButton::clicked, this, [this] {
        m_confirm->hide();
        m_close->show();
        const CivilDate date = today();
        auto done = m_ctx.service.closeDay(date, m_ctx.actor);
        if (done)
            say(QStringLiteral("%1 已日结：过期 %2 个号，结束办理中 %3 个，预约未到 %4 个。")
                    .arg(toQDate(date).toString(Qt::ISODate))
                    .arg(done->expired)
                    .arg(done->served)
                    .arg(done->noShows));
        else
            sayFailed(QStringLiteral("日结"), done.error());
    });
    connect(integrity, &QPushButton::clicked, this, [this] {
        auto done = m_ctx.service.integrityCheck();
        if (!done)
            sayFailed(QStringLiteral("数据库检查"), done.error());
        else if (done.value() == QLatin1String("ok"))
            say(QStringLiteral("数据库检查通过（ok）。"));
        else
            say(QStringLiteral("数据库检查发现问题：%1").arg(done.value()));
    });
    connect(audit, &QPushButton::clicked, this, [this] {
        auto done = m_ctx.service.verifyAudit();
        if (!done)
            sayFailed(QStringLiteral("审计链检查"), done.error());
        else if (done->intact())
            say(QStringLiteral("审计链完整：共 %1 行。").arg(done->rows));
        else
            say(QStringLiteral("审计链被改动：共 %1 行，第一处不符在第 %2 行 — %3").arg(done->rows).arg(*done->firstBadSeq).arg(done->problem));
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        QAbstractButton *medium = m_media->checkedButton();
        if (!medium) {
            say(QStringLiteral("请先选择一个 U 盘。"));
            return;
        }
        const QString folder = medium->property("folder").toString();
        auto done = m_ctx.service.exportTo(folder, m_ctx.actor);
        if (done)
            say(QStringLiteral("已写入：%1").arg(done.value()));
        else
            sayFailed(QStringLiteral("导出"), done.error());
    });
}

CivilDate DataPage::today() const
{
    return m_ctx.catalog.centerTime().dateOf(m_ctx.clock.now());
}

void DataPage::refresh()
{
    for (QAbstractButton *b : m_media->buttons()) {
        m_media->removeButton(b);
        delete b;
    }
    const QStringList media = m_ctx.service.removableMedia();
    m_mediaHint->setText(media.isEmpty() ? QStringLiteral("没有找到 U 盘：请插入并等待挂载（/media 下），再切换到本页。")
                                         : QStringLiteral("选择要写入的位置："));
    for (int i = 0; i < media.size(); ++i) {
        QPushButton *b = choiceButton(this, media.at(i), m_media, qPrintable(QStringLiteral("medium_%1").arg(i)));
        b->setFont(kiosk::typeface(kSmallPx, true));
        b->setProperty("folder", media.at(i));
        b->setMinimumWidth(440);
        if (media.size() == 1)
            b->setChecked(true);
        m_mediaGrid->addWidget(b, i / 2, i % 2);
    }
    m_export->setEnabled(!media.isEmpty());
}

void DataPage::reset()
{
    MaintenancePage::reset();
    m_confirm->hide();
    m_close->show();
}

// ---------------------------------------------------------------------------------------------------
// 系统

SystemPage::SystemPage(MaintenanceContext context, QWidget *parent)
    : MaintenancePage(context, parent)
{
    m_facts = label(this, kTextPx, "systemFacts");
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column()->addWidget(m_facts);
    QHBoxLayout *actions = row(column());
    m_restart = button(this, QStringLiteral("重启程序"), "restart");
    m_restart->setMinimumWidth(280);
    actions->addWidget(m_restart);
    m_confirm = new QWidget(this);
    auto *confirm = new QHBoxLayout(m_confirm);
    confirm->setContentsMargins(0, 0, 0, 0);
    confirm->setSpacing(kGapPx + 8);
    QPushButton *yes = button(m_confirm, QStringLiteral("确认重启"), "restartConfirm");
    QPushButton *no = button(m_confirm, QStringLiteral("取消"), "restartCancel");
    yes->setMinimumWidth(280);
    confirm->addWidget(yes);
    confirm->addWidget(no);
    actions->addWidget(m_confirm);
    m_confirm->hide();
    actions->addStretch(1);
    addOutcome();
    column()->addStretch(1);
    connect(m_restart, &QPushButton::clicked, this, [this] {
        m_restart->hide();
        m_confirm->show();
        say(QStringLiteral("重启期间约一分钟不能取号。确认请按“确认重启”。"));
    });
    connect(no, &QPushButton::clicked, this, [this] {
        m_confirm->hide();
        m_restart->show();
        say(QStringLiteral("已取消重启。"));
    });
    connect(yes, &QPushButton::clicked, this, [this] {
        m_confirm->hide();
        m_restart->show();
        say(QStringLiteral("正在重启…"));
        m_ctx.service.restart(m_ctx.actor);
    });
}

void SystemPage::refresh()
{
    const MaintenanceSystem s = m_ctx.service.system();
    QStringList lines;
    lines << QStringLiteral("版本：%1").arg(s.version);
    lines << QStringLiteral("终端：%1").arg(s.terminal);
    lines << QStringLiteral("启动于：%1（已运行 %2）").arg(localTime(s.startedAt), durationText(s.uptimeS));
    lines << QStringLiteral("数据目录：%1").arg(s.stateDirectory);
    lines << QStringLiteral("磁盘：可用 %1 / 共 %2").arg(bytesText(s.diskFreeBytes), bytesText(s.diskTotalBytes));
    lines << QStringLiteral("与平台时钟相差：%1").arg(s.clockOffsetS ? QStringLiteral("%1 秒").arg(*s.clockOffsetS) : QStringLiteral("未知（尚未与平台通信）"));
    lines << QStringLiteral("数据库：%1，结构版本 %2").arg(s.engine, s.schemaVersion);
    lines << QStringLiteral("本机时间：%1").arg(localTime(m_ctx.clock.now()));
    m_facts->setText(breakable(lines.join(QLatin1Char('\n'))));
}

void SystemPage::reset()
{
    MaintenancePage::reset();
    m_confirm->hide();
    m_restart->show();
}

} // namespace hk
