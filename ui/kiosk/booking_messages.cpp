#include "ui/kiosk/booking_messages.h"

#include <QCoreApplication>

namespace hk {

// The translation context of what this file writes (resources/translations, DESIGN §14).
struct BookingText {
    Q_DECLARE_TR_FUNCTIONS(BookingText)
};

namespace {

QString hours(int minutes)
{
    return minutes % 60 == 0 ? BookingText::tr("%n小时", nullptr, minutes / 60) : BookingText::tr("%n分钟", nullptr, minutes);
}

} // namespace

CitizenMessage bookingRefused(const QString &code, const Rules &rules)
{
    const int maxPerDay = rules.maxPerDay;
    const int noshowLimit = rules.noshowLimit;
    if (code == QLatin1String("slot_full"))
        return {BookingText::tr("这个时段已约满"), BookingText::tr("刚刚有人约走了最后的名额，请选其他时段。")};
    if (code == QLatin1String("duplicate_slot"))
        return {BookingText::tr("您已约过这个时段"), BookingText::tr("同一个时段只能约一次，请选其他时段。")};
    if (code == QLatin1String("daily_limit"))
        return {BookingText::tr("这一天您已约满%n次", nullptr, maxPerDay),
                BookingText::tr("同一个人一天最多预约%n次，请选其他日期。", nullptr, maxPerDay)};
    if (code == QLatin1String("credit_restricted"))
        return {BookingText::tr("本月暂时不能预约"),
                BookingText::tr("本月已有%n次预约没来也没取消（爽约），本月不能再预约，下月1日恢复。今天可以现场取号办理。", nullptr, noshowLimit)};
    if (code == QLatin1String("lead_time"))
        return {BookingText::tr("这个时段太近了"), BookingText::tr("在本机预约，要比时段开始早%1以上，请选更晚的时段。").arg(hours(rules.onlineLeadMinutes))};
    if (code == QLatin1String("closed"))
        return {BookingText::tr("这一天不办公"), BookingText::tr("这一天大厅不开门或这个时段不办理，请选其他日期。")};
    if (code == QLatin1String("cancel_deadline"))
        return cancelTooLate(rules.cancelLeadMinutes);
    return {BookingText::tr("预约平台没有接受"), BookingText::tr("请按“帮办”请工作人员帮您，或到咨询台人工预约。")};
}

CitizenMessage cancelTooLate(int cancelLeadMinutes)
{
    return {BookingText::tr("离开始不到%1，不能取消").arg(hours(cancelLeadMinutes)),
            BookingText::tr("预约要在时段开始%1前取消。来不了也没关系，请尽早告诉工作人员（按“帮办”）。").arg(hours(cancelLeadMinutes))};
}

CitizenMessage bookingNeedsNetwork(const QString &phone, bool cancelling)
{
    const QString what = cancelling ? BookingText::tr("取消预约") : BookingText::tr("预约");
    QString text = BookingText::tr("本机现在连不上统一预约平台，暂时不能%1。您还可以：").arg(what);
    if (!phone.isEmpty())
        text += BookingText::tr("\n· 打预约电话 %1（工作日）").arg(phone);
    text += BookingText::tr("\n· 用“随申办”APP、小程序或“一网通办”网站%1").arg(what);
    text += BookingText::tr("\n· 到咨询台或窗口请工作人员帮您%1").arg(what);
    return {BookingText::tr("%1需要联网").arg(what), text};
}

CitizenMessage bookingAnswerLost()
{
    return {BookingText::tr("没有收到预约平台的答复"),
            BookingText::tr("您的预约可能已经办成，也可能没有。请点“再试一次”：不会重复预约。")};
}

CitizenMessage bookingFailed(bool cancelling)
{
    return {cancelling ? BookingText::tr("取消没有办成") : BookingText::tr("预约没有办成"),
            BookingText::tr("预约平台的答复有问题。请按“帮办”请工作人员帮您，或到咨询台人工办理。")};
}

QString phoneNumberProblem(const QString &digits, bool mobile)
{
    if (digits.isEmpty())
        return BookingText::tr("请先输入手机号码");
    if (digits.size() != 11)
        return BookingText::tr("手机号码是11位，您输入了%n位，请检查", nullptr, int(digits.size()));
    if (!mobile)
        return BookingText::tr("这不是手机号码：手机号码以13到19开头，请检查");
    return {};
}

} // namespace hk
