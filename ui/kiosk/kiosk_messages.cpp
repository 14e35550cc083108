#include "ui/kiosk/kiosk_messages.h"

#include "ui/kiosk/home_view.h"

#include <QCoreApplication>

namespace hk {

// The translation context of what this file writes (resources/translations, DESIGN §14).
struct KioskText {
    Q_DECLARE_TR_FUNCTIONS(KioskText)
};

CitizenMessage printerProblem(DeviceError error)
{
    const QString next = KioskText::tr("请按下方“帮办”呼叫工作人员，或到服务台取号。");
    switch (error) {
    case DeviceError::PaperOut:
        return {KioskText::tr("打印机缺纸，暂时无法取号"), next};
    case DeviceError::CoverOpen:
        return {KioskText::tr("打印机仓门未关好，暂时无法取号"), next};
    case DeviceError::CutterError:
        return {KioskText::tr("打印机切纸故障，暂时无法取号"), next};
    case DeviceError::MechanicalError:
        return {KioskText::tr("打印机故障，暂时无法取号"), next};
    case DeviceError::Offline:
    case DeviceError::Timeout:
    case DeviceError::BadReply:
    case DeviceError::WriteFailed:
    case DeviceError::Busy:
        break;
    }
    return {KioskText::tr("打印机未连接或无响应，暂时无法取号"), next};
}

QString printFailureReason(DeviceError error)
{
    switch (error) {
    case DeviceError::PaperOut:
        return KioskText::tr("打印机缺纸。");
    case DeviceError::CoverOpen:
        return KioskText::tr("打印机仓门打开。");
    default:
        return KioskText::tr("打印机出现故障。");
    }
}

QString citizenDay(const QDate &day, const QDate &today)
{
    if (day == today)
        return KioskText::tr("今天");
    if (day == today.addDays(1))
        return KioskText::tr("明天（%1）").arg(chineseDate(day, false));
    return chineseDate(day, day.year() != today.year());
}

CitizenMessage checkInProblem(const CheckInProblem &p, const QDate &today)
{
    using R = CheckInProblem::Reason;
    const QString help = KioskText::tr("需要帮助请按下方“帮办”。");
    const QString walkIn = KioskText::tr("也可以在首页选择业务现场取号。");
    switch (p.reason) {
    case R::NotABookingCode:
        return {KioskText::tr("这不是预约二维码"),
                KioskText::tr("请扫描预约成功后收到的预约二维码，或把身份证放在读卡区。") + walkIn};
    case R::InvalidCode:
        return {KioskText::tr("预约二维码无效"),
                KioskText::tr("这个二维码不是本中心签发的，或者不完整，不能签到。请在手机上重新打开预约二维码再扫一次，或把身份证放在读卡区。") + help};
    case R::CannotVerify:
        return {KioskText::tr("暂时不能用二维码签到"), KioskText::tr("请把身份证放在读卡区签到。") + help};
    case R::WrongCenter:
        return {KioskText::tr("这不是本中心的预约"), KioskText::tr("您预约的是其他政务服务中心，请到预约的中心办理。") + walkIn};
    case R::Cancelled:
        return {KioskText::tr("这个预约已经取消"), KioskText::tr("已取消的预约不能签到。") + walkIn};
    case R::WrongDay:
        return {KioskText::tr("您的预约不是今天"),
                p.bookedFor ? KioskText::tr("您预约的是%1，请当天再来签到。").arg(citizenDay(*p.bookedFor, today))
                            : KioskText::tr("请在预约的那一天再来签到。")};
    case R::TooEarly: {
        QString when;
        if (p.comeBackAt) {
            const QString day = p.comeBackAt->date() == today ? KioskText::tr("今天") : citizenDay(p.comeBackAt->date(), today);
            when = QStringLiteral("%1 %2").arg(day, p.comeBackAt->toString(QStringLiteral("HH:mm")));
        }
        return {KioskText::tr("还没到签到时间"),
                when.isEmpty() ? KioskText::tr("预约时段开始前2小时起可以签到，请稍后再来。")
                               : KioskText::tr("请在 %1 以后再来签到（预约时段开始前2小时起可以签到）。").arg(when)};
    }
    case R::Late:
        return {KioskText::tr("已超过预约时间"),
                KioskText::tr("预约时段开始30分钟后还没有签到，这次预约已作废（视为主动放弃）。") +
                    (p.walkInGroup.isEmpty() ? walkIn : KioskText::tr("您可以点下面的按钮改取现场号。"))};
    case R::CodeExpired:
        return {KioskText::tr("预约二维码已过期"), KioskText::tr("请在手机上刷新预约二维码再扫，或把身份证放在读卡区签到。")};
    case R::AlreadyCheckedIn:
        return {KioskText::tr("您已经签到过了"), KioskText::tr("请留意大厅屏幕和语音叫号。") + help};
    case R::UnknownMatter:
        return {KioskText::tr("本机不能办理这个预约"), KioskText::tr("您预约的事项本机暂时不能出号。") + help};
    case R::NoBookingToday:
        return {KioskText::tr("没有查到您今天的预约"),
                KioskText::tr("如果您用别人的身份证预约，请扫描预约二维码。") + walkIn};
    case R::CannotMatchCards:
        return {KioskText::tr("暂时不能用身份证签到"), KioskText::tr("请扫描预约二维码签到。") + help};
    case R::CardUnreadable:
        return {KioskText::tr("身份证没有读出来"), KioskText::tr("请把身份证平放在读卡区，不要移动，等一两秒。")};
    case R::UnknownCard:
        return {KioskText::tr("这张证件本机不能识别"),
                KioskText::tr("请使用居民身份证、港澳台居民居住证或外国人永久居留身份证，或扫描预约二维码。")};
    case R::InvalidCard:
        return {KioskText::tr("证件信息没有通过校验"), KioskText::tr("请扫描预约二维码签到。") + help};
    case R::ReaderFault:
        return {KioskText::tr("读卡器暂时不能使用"), KioskText::tr("请扫描预约二维码签到。") + help};
    case R::ScanUnreadable:
        return {KioskText::tr("没有扫清楚"), KioskText::tr("请把二维码对准扫描口，保持不动，再扫一次。")};
    case R::StoreFailure:
        break;
    }
    return {KioskText::tr("系统故障，暂时无法签到"), KioskText::tr("请按“帮办”呼叫工作人员，或到服务台办理。")};
}

namespace {

// "今天 09:00", "明天（12月6日）09:00", "12月8日 09:00".
QString whenText(const QDateTime &atLocal, const QDate &today)
{
    const QDate day = atLocal.date();
    const QString time = atLocal.toString(QStringLiteral("HH:mm"));
    if (day == today)
        return KioskText::tr("今天 %1").arg(time);
    if (day == today.addDays(1))
        return KioskText::tr("明天（%1）%2").arg(chineseDate(day, false), time);
    return QStringLiteral("%1 %2").arg(chineseDate(day, false), time);
}

} // namespace

CitizenMessage hallClosed(const std::optional<QDateTime> &opensAtLocal, const QDate &today)
{
    const QString title = KioskText::tr("现在不是取号时间");
    if (!opensAtLocal)
        return {title, KioskText::tr("本中心暂停对外服务。请按“帮办”咨询工作人员。")};
    return {title, KioskText::tr("下次取号时间：%1 起。").arg(whenText(*opensAtLocal, today))};
}

QString longWaitNotice(const QList<LongWait> &waits)
{
    if (waits.isEmpty())
        return {};
    if (waits.size() == 1) {
        // Rounded up to 5 minutes: "about 45 minutes" reads calmer than "43", and is not less.
        const int minutes = (waits.first().minutes + 4) / 5 * 5;
        return KioskText::tr("“%1”现在办事的人多，大约要等 %n 分钟。请您耐心等候，谢谢理解。", nullptr, minutes).arg(waits.first().groupName);
    }
    QStringList names;
    for (const LongWait &w : waits)
        names << w.groupName;
    return KioskText::tr("%1现在办事的人多，请您耐心等候，谢谢理解。").arg(names.join(KioskText::tr("、")));
}

CitizenMessage issueRefused(const IssueRefusal &refusal, const std::optional<QDateTime> &opensAtLocal, const QDate &today)
{
    using R = IssueRefusal::Reason;
    switch (refusal.reason) {
    case R::Closed:
        return hallClosed(opensAtLocal, today);
    case R::BookedOnly:
        // Seed 001 §三: the early/late hour serves booked matters only.
        return {KioskText::tr("现在只办理预约业务"),
                opensAtLocal ? KioskText::tr("这个时段只为已预约的群众办理：有预约请扫预约码或放身份证。现场取号从%1开始。")
                                   .arg(whenText(*opensAtLocal, today))
                             : KioskText::tr("这个时段只为已预约的群众办理：有预约请扫预约码或放身份证。")};
    case R::NotOnWeekend:
        return {KioskText::tr("这项业务周末不办理"),
                opensAtLocal ? KioskText::tr("周末只办理部分业务。这项业务请在工作日来办，%1起可以取号。").arg(whenText(*opensAtLocal, today))
                             : KioskText::tr("周末只办理部分业务。这项业务请在工作日来办。")};
    case R::PrinterUnavailable:
        return printerProblem(refusal.deviceError.value_or(DeviceError::Offline));
    case R::UnknownGroup:
        return {KioskText::tr("该业务暂不能取号"), KioskText::tr("请返回首页重新选择，或按“帮办”呼叫工作人员。")};
    case R::DailyCapReached:
        return {KioskText::tr("该业务今日号已取完"), KioskText::tr("请明天再来，或按“帮办”咨询工作人员。")};
    case R::StoreFailure:
        return {KioskText::tr("系统故障，暂时无法取号"), KioskText::tr("请按“帮办”呼叫工作人员，或到服务台取号。")};
    case R::BookingChanged:
        return {KioskText::tr("这个预约刚刚有了变化"), KioskText::tr("请再扫一次预约二维码；仍不行请按“帮办”呼叫工作人员。")};
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
        return KioskText::tr("%1暂时不能补打，请稍后再试或请工作人员帮助。")
            .arg(printFailureReason(error.deviceError.value_or(DeviceError::Offline)));
    case R::PrintFailed:
        return KioskText::tr("补打也没有成功。号码仍然有效，请凭号码或照片办理，或请工作人员补打。");
    case R::CitizenLimit:
    case R::NotFailed:
    case R::UnknownTicket:
    case R::StoreFailure:
        break;
    }
    return KioskText::tr("本机不能再补打。号码仍然有效，请凭号码或照片办理，或请工作人员补打。");
}

CitizenMessage ticketPrinting()
{
    return {KioskText::tr("正在出票，请稍候……"), KioskText::tr("请在下方出票口取票")};
}

CitizenMessage helpAnswer(bool sent)
{
    if (sent)
        return {KioskText::tr("已通知工作人员"), KioskText::tr("请在此稍候，工作人员会尽快到您身边帮您办理。")};
    return {KioskText::tr("呼叫没有发出"), KioskText::tr("请到服务台或向大厅工作人员求助。")};
}

CitizenMessage noPrinterHere()
{
    return {KioskText::tr("本机暂不提供取号"), KioskText::tr("请按“帮办”呼叫工作人员，或到服务台取号。")};
}

QString checkInHint(bool scanner, bool cardReader)
{
    if (scanner && cardReader)
        return KioskText::tr("已预约的市民：请扫描预约二维码，或把身份证放在读卡区签到");
    if (scanner)
        return KioskText::tr("已预约的市民：请扫描预约二维码签到");
    if (cardReader)
        return KioskText::tr("已预约的市民：请把身份证放在读卡区签到");
    return {};
}

QString walkInInstead(const QString &groupName)
{
    return KioskText::tr("改取现场号（%1）").arg(groupName);
}

QString complexityText(Complexity complexity)
{
    switch (complexity) {
    case Complexity::General:
        return KioskText::tr("办理难度：一般事项，材料齐全当场可办");
    case Complexity::Complex:
        return KioskText::tr("办理难度：较复杂，窗口审核需要多一些时间");
    case Complexity::Special:
        return KioskText::tr("办理难度：特殊事项，建议先预约或到咨询台问清楚");
    }
    return {};
}

QString bookingHint(bool bookable, bool weekend)
{
    QString hint = bookable ? KioskText::tr("可以预约：在本机“预约”或网上预约，到场签到后优先办理")
                            : KioskText::tr("不需预约：来大厅现场取号即可办理");
    if (weekend)
        hint += KioskText::tr("；周末也可办理");
    return hint;
}

QString materialsPrinted()
{
    return KioskText::tr("材料清单已打印，请在出票口取走");
}

QString materialsNotPrinted(DeviceError error)
{
    QString what;
    switch (error) {
    case DeviceError::PaperOut:
        what = KioskText::tr("打印机缺纸");
        break;
    case DeviceError::CoverOpen:
        what = KioskText::tr("打印机仓门打开");
        break;
    case DeviceError::Offline:
        what = KioskText::tr("打印机没有连接");
        break;
    case DeviceError::Busy:
        return KioskText::tr("打印机正在出票，请稍等几秒再按一次。");
    default:
        what = KioskText::tr("打印机出现故障");
        break;
    }
    return KioskText::tr("%1，没有打印出来。可拍照记下清单，或按“帮办”。").arg(what);
}

TicketStatusWords ticketStatusWords(const TicketStatus &status)
{
    switch (status.state) {
    case TicketState::Waiting: {
        const QString again = status.requeued ? KioskText::tr("已重新排队。") : QString();
        if (status.peopleAhead == 0)
            return {KioskText::tr("下一位就是您"), again + KioskText::tr("请留意叫号屏和广播，不要走远。")};
        if (status.peopleAhead > 0)
            return {KioskText::tr("前面还有 %n 人", nullptr, status.peopleAhead),
                    again + KioskText::tr("还没有叫到您，请在等候区留意叫号屏和广播。预约市民可能优先。")};
        return {KioskText::tr("正在等候叫号"), again + KioskText::tr("请在等候区留意叫号屏和广播。")};
    }
    case TicketState::Called:
        return {KioskText::tr("已叫号，请到 %1").arg(status.windowName), KioskText::tr("请马上到 %1 办理，过号需要重新排队。").arg(status.windowName)};
    case TicketState::Serving:
        return {KioskText::tr("正在 %1 办理").arg(status.windowName), KioskText::tr("您的业务正在窗口办理中。")};
    case TicketState::Passed:
        if (status.requeueUntil)
            return {KioskText::tr("已过号"), KioskText::tr("叫号时您不在。%1 前可以点“重新排队”，排回本组队伍靠前的位置。")
                                                    .arg(status.requeueUntil->toString(QStringLiteral("HH:mm")))};
        return {KioskText::tr("已过号"), KioskText::tr("过号已超过 30 分钟，不能重新排队了。请回首页重新取号。")};
    case TicketState::Served:
    case TicketState::Cancelled:
    case TicketState::Expired:
        break;
    }
    return {};
}

CitizenMessage ticketLookupProblem(const TicketLookupProblem &problem, const QDate &today)
{
    using R = TicketLookupProblem::Reason;
    switch (problem.reason) {
    case R::UnknownTicket:
        return {KioskText::tr("查不到这张票"),
                KioskText::tr("这个二维码不是本大厅打出的排队票，或者已经损坏。请扫描票上的二维码，或按“帮办”请工作人员帮忙。")};
    case R::OtherCenter:
        return {KioskText::tr("这不是本大厅的票"), KioskText::tr("这张票是其他服务中心打出的，这里查不到。请在本大厅取号。")};
    case R::OtherDay:
        return {KioskText::tr("这是以前的票"),
                KioskText::tr("%1号是 %2 的票，已经作废。今天办理请回首页重新取号。")
                    .arg(problem.number, problem.day ? citizenDay(*problem.day, today) : KioskText::tr("其他日期"))};
    case R::Finished:
        return {KioskText::tr("这张票已办结"), KioskText::tr("%1号的业务已经办理完成。还要办别的事，请回首页重新取号。").arg(problem.number)};
    case R::Ended:
        return {KioskText::tr("这张票已失效"), KioskText::tr("%1号已经失效。请回首页重新取号。").arg(problem.number)};
    case R::RequeueTooLate:
    case R::NotPassed:
        return {KioskText::tr("不能重新排队"), requeueRefused(problem)};
    case R::StoreFailure:
        break;
    }
    return {KioskText::tr("暂时查不到"), KioskText::tr("系统暂时出了问题，请稍后再扫一次，或按“帮办”请工作人员帮忙。")};
}

QString requeueRefused(const TicketLookupProblem &problem)
{
    using R = TicketLookupProblem::Reason;
    if (problem.reason == R::RequeueTooLate)
        return KioskText::tr("过号已超过 30 分钟，不能重新排队了。请回首页重新取号。");
    if (problem.reason == R::NotPassed)
        return KioskText::tr("这张票已经在队伍里了，不用再排。");
    return KioskText::tr("没能重新排队：系统暂时出了问题。请按“帮办”请工作人员帮忙。");
}

} // namespace hk
