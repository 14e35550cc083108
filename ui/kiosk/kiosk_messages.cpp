#include "ui/kiosk/kiosk_messages.h"

#include "ui/kiosk/home_view.h"

namespace hk {

CitizenMessage printerProblem(DeviceError error)
{
    const QString next = QStringLiteral("请按下方“帮办”呼叫工作人员，或到服务台取号。");
    switch (error) {
    case DeviceError::PaperOut:
        return {QStringLiteral("打印机缺纸，暂时无法取号"), next};
    case DeviceError::CoverOpen:
        return {QStringLiteral("打印机仓门未关好，暂时无法取号"), next};
    case DeviceError::CutterError:
        return {QStringLiteral("打印机切纸故障，暂时无法取号"), next};
    case DeviceError::MechanicalError:
        return {QStringLiteral("打印机故障，暂时无法取号"), next};
    case DeviceError::Offline:
    case DeviceError::Timeout:
    case DeviceError::BadReply:
    case DeviceError::WriteFailed:
    case DeviceError::Busy:
        break;
    }
    return {QStringLiteral("打印机未连接或无响应，暂时无法取号"), next};
}

QString printFailureReason(DeviceError error)
{
    switch (error) {
    case DeviceError::PaperOut:
        return QStringLiteral("打印机缺纸。");
    case DeviceError::CoverOpen:
        return QStringLiteral("打印机仓门打开。");
    default:
        return QStringLiteral("打印机出现故障。");
    }
}

QString citizenDay(const QDate &day, const QDate &today)
{
    if (day == today)
        return QStringLiteral("今天");
    if (day == today.addDays(1))
        return QStringLiteral("明天（%1）").arg(chineseDate(day, false));
    return chineseDate(day, day.year() != today.year());
}

CitizenMessage checkInProblem(const CheckInProblem &p, const QDate &today)
{
    using R = CheckInProblem::Reason;
    const QString help = QStringLiteral("需要帮助请按下方“帮办”。");
    const QString walkIn = QStringLiteral("也可以在首页选择业务现场取号。");
    switch (p.reason) {
    case R::NotABookingCode:
        return {QStringLiteral("这不是预约二维码"),
                QStringLiteral("请扫描预约成功后收到的预约二维码，或把身份证放在读卡区。") + walkIn};
    case R::InvalidCode:
        return {QStringLiteral("预约二维码无效"),
                QStringLiteral("这个二维码不是本中心签发的，或者不完整，不能签到。请在手机上重新打开预约二维码再扫一次，或把身份证放在读卡区。") + help};
    case R::CannotVerify:
        return {QStringLiteral("暂时不能用二维码签到"), QStringLiteral("请把身份证放在读卡区签到。") + help};
    case R::WrongCenter:
        return {QStringLiteral("这不是本中心的预约"), QStringLiteral("您预约的是其他政务服务中心，请到预约的中心办理。") + walkIn};
    case R::Cancelled:
        return {QStringLiteral("这个预约已经取消"), QStringLiteral("已取消的预约不能签到。") + walkIn};
    case R::WrongDay:
        return {QStringLiteral("您的预约不是今天"),
                p.bookedFor ? QStringLiteral("您预约的是%1，请当天再来签到。").arg(citizenDay(*p.bookedFor, today))
                            : QStringLiteral("请在预约的那一天再来签到。")};
    case R::TooEarly: {
        QString when;
        if (p.comeBackAt) {
            const QString day = p.comeBackAt->date() == today ? QStringLiteral("今天") : citizenDay(p.comeBackAt->date(), today);
            when = QStringLiteral("%1 %2").arg(day, p.comeBackAt->toString(QStringLiteral("HH:mm")));
        }
        return {QStringLiteral("还没到签到时间"),
                when.isEmpty() ? QStringLiteral("预约时段开始前2小时起可以签到，请稍后再来。")
                               : QStringLiteral("请在 %1 以后再来签到（预约时段开始前2小时起可以签到）。").arg(when)};
    }
    case R::Late:
        return {QStringLiteral("已超过预约时间"),
                QStringLiteral("预约时段开始30分钟后还没有签到，这次预约已作废（视为主动放弃）。") +
                    (p.walkInGroup.isEmpty() ? walkIn : QStringLiteral("您可以点下面的按钮改取现场号。"))};
    case R::CodeExpired:
        return {QStringLiteral("预约二维码已过期"), QStringLiteral("请在手机上刷新预约二维码再扫，或把身份证放在读卡区签到。")};
    case R::AlreadyCheckedIn:
        return {QStringLiteral("您已经签到过了"), QStringLiteral("请留意大厅屏幕和语音叫号。") + help};
    case R::UnknownMatter:
        return {QStringLiteral("本机不能办理这个预约"), QStringLiteral("您预约的事项本机暂时不能出号。") + help};
    case R::NoBookingToday:
        return {QStringLiteral("没有查到您今天的预约"),
                QStringLiteral("如果您用别人的身份证预约，请扫描预约二维码。") + walkIn};
    case R::CannotMatchCards:
        return {QStringLiteral("暂时不能用身份证签到"), QStringLiteral("请扫描预约二维码签到。") + help};
    case R::CardUnreadable:
        return {QStringLiteral("身份证没有读出来"), QStringLiteral("请把身份证平放在读卡区，不要移动，等一两秒。")};
    case R::UnknownCard:
        return {QStringLiteral("这张证件本机不能识别"),
                QStringLiteral("请使用居民身份证、港澳台居民居住证或外国人永久居留身份证，或扫描预约二维码。")};
    case R::InvalidCard:
        return {QStringLiteral("证件信息没有通过校验"), QStringLiteral("请扫描预约二维码签到。") + help};
    case R::ReaderFault:
        return {QStringLiteral("读卡器暂时不能使用"), QStringLiteral("请扫描预约二维码签到。") + help};
    case R::ScanUnreadable:
        return {QStringLiteral("没有扫清楚"), QStringLiteral("请把二维码对准扫描口，保持不动，再扫一次。")};
    case R::StoreFailure:
        break;
    }
    return {QStringLiteral("系统故障，暂时无法签到"), QStringLiteral("请按“帮办”呼叫工作人员，或到服务台办理。")};
}

namespace {

// "今天 09:00", "明天（12月6日）09:00", "12月8日 09:00".
QString whenText(const QDateTime &atLocal, const QDate &today)
{
    const QDate day = atLocal.date();
    const QString time = atLocal.toString(QStringLiteral("HH:mm"));
    if (day == today)
        return QStringLiteral("今天 %1").arg(time);
    if (day == today.addDays(1))
        return QStringLiteral("明天（%1）%2").arg(chineseDate(day, false), time);
    return QStringLiteral("%1 %2").arg(chineseDate(day, false), time);
}

} // namespace

CitizenMessage hallClosed(const std::optional<QDateTime> &opensAtLocal, const QDate &today)
{
    const QString title = QStringLiteral("现在不是取号时间");
    if (!opensAtLocal)
        return {title, QStringLiteral("本中心暂停对外服务。请按“帮办”咨询工作人员。")};
    return {title, QStringLiteral("下次取号时间：%1 起。").arg(whenText(*opensAtLocal, today))};
}

QString longWaitNotice(const QList<LongWait> &waits)
{
    if (waits.isEmpty())
        return {};
    if (waits.size() == 1) {
        // Rounded up to 5 minutes: "about 45 minutes" reads calmer than "43", and is not less.
        const int minutes = (waits.first().minutes + 4) / 5 * 5;
        return QStringLiteral("“%1”现在办事的人多，大约要等 %2 分钟。请您耐心等候，谢谢理解。").arg(waits.first().groupName).arg(minutes);
    }
    QStringList names;
    for (const LongWait &w : waits)
        names << w.groupName;
    return QStringLiteral("%1现在办事的人多，请您耐心等候，谢谢理解。").arg(names.join(QStringLiteral("、")));
}

CitizenMessage issueRefused(const IssueRefusal &refusal, const std::optional<QDateTime> &opensAtLocal, const QDate &today)
{
    using R = IssueRefusal::Reason;
    switch (refusal.reason) {
    case R::Closed:
        return hallClosed(opensAtLocal, today);
    case R::BookedOnly:
        // Seed 001 §三: the early/late hour serves booked matters only.
        return {QStringLiteral("现在只办理预约业务"),
                opensAtLocal ? QStringLiteral("这个时段只为已预约的群众办理：有预约请扫预约码或放身份证。现场取号从%1开始。")
                                   .arg(whenText(*opensAtLocal, today))
                             : QStringLiteral("这个时段只为已预约的群众办理：有预约请扫预约码或放身份证。")};
    case R::NotOnWeekend:
        return {QStringLiteral("这项业务周末不办理"),
                opensAtLocal ? QStringLiteral("周末只办理部分业务。这项业务请在工作日来办，%1起可以取号。").arg(whenText(*opensAtLocal, today))
                             : QStringLiteral("周末只办理部分业务。这项业务请在工作日来办。")};
    case R::PrinterUnavailable:
        return printerProblem(refusal.deviceError.value_or(DeviceError::Offline));
    case R::UnknownGroup:
        return {QStringLiteral("该业务暂不能取号"), QStringLiteral("请返回首页重新选择，或按“帮办”呼叫工作人员。")};
    case R::DailyCapReached:
        return {QStringLiteral("该业务今日号已取完"), QStringLiteral("请明天再来，或按“帮办”咨询工作人员。")};
    case R::StoreFailure:
        return {QStringLiteral("系统故障，暂时无法取号"), QStringLiteral("请按“帮办”呼叫工作人员，或到服务台取号。")};
    case R::BookingChanged:
        return {QStringLiteral("这个预约刚刚有了变化"), QStringLiteral("请再扫一次预约二维码；仍不行请按“帮办”呼叫工作人员。")};
    case R::Busy:
        break;
    }
    return {};
}

QString reprintRefused(const ReprintError &error)
{
    using R = ReprintError::Reason;
    switch (error.reason) {
    case R::PrinterUnavailable:
    case R::Busy:
        return QStringLiteral("%1暂时不能补打，请稍后再试或请工作人员帮助。")
            .arg(printFailureReason(error.deviceError.value_or(DeviceError::Offline)));
    case R::PrintFailed:
        return QStringLiteral("补打也没有成功。号码仍然有效，请凭号码或照片办理，或请工作人员补打。");
    case R::CitizenLimit:
    case R::NotFailed:
    case R::UnknownTicket:
    case R::StoreFailure:
        break;
    }
    return QStringLiteral("本机不能再补打。号码仍然有效，请凭号码或照片办理，或请工作人员补打。");
}

CitizenMessage ticketPrinting()
{
    return {QStringLiteral("正在出票，请稍候……"), QStringLiteral("请在下方出票口取票")};
}

CitizenMessage helpAnswer(bool sent)
{
    if (sent)
        return {QStringLiteral("已通知工作人员"), QStringLiteral("请在此稍候，工作人员会尽快到您身边帮您办理。")};
    return {QStringLiteral("呼叫没有发出"), QStringLiteral("请到服务台或向大厅工作人员求助。")};
}

CitizenMessage noPrinterHere()
{
    return {QStringLiteral("本机暂不提供取号"), QStringLiteral("请按“帮办”呼叫工作人员，或到服务台取号。")};
}

QString checkInHint(bool scanner, bool cardReader)
{
    if (scanner && cardReader)
        return QStringLiteral("已预约的市民：请扫描预约二维码，或把身份证放在读卡区签到");
    if (scanner)
        return QStringLiteral("已预约的市民：请扫描预约二维码签到");
    if (cardReader)
        return QStringLiteral("已预约的市民：请把身份证放在读卡区签到");
    return {};
}

QString walkInInstead(const QString &groupName)
{
    return QStringLiteral("改取现场号（%1）").arg(groupName);
}

} // namespace hk
