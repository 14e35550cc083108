#include "app/services/booking/booking_slip_composer.h"

#include <QCoreApplication>

namespace hk {

// The translation context of the booking and cancel slips (resources/translations, DESIGN §14): the citizen's
// language at the moment it is composed.
struct SlipText {
    Q_DECLARE_TR_FUNCTIONS(SlipText)
};

PrintDocument BookingSlipComposer::compose(const BookingSlip &slip) const
{
    using A = PrintBlock::Align;
    PrintDocument doc;
    doc.title = slip.cancelled ? QStringLiteral("cancel slip %1").arg(slip.bookingId) : QStringLiteral("booking slip %1").arg(slip.bookingId);
    doc.key = (slip.cancelled ? QStringLiteral("cancel:") : QStringLiteral("booking:")) + slip.bookingId;
    if (!slip.centerName.isEmpty())
        doc.blocks << PrintBlock::textLine(slip.centerName, A::Center, 1, true);
    doc.blocks << PrintBlock::textLine(slip.cancelled ? SlipText::tr("预约已取消") : SlipText::tr("预约凭证"), A::Center, 2, true);
    doc.blocks << PrintBlock::feed(1);
    doc.blocks << PrintBlock::textLine(SlipText::tr("事项：%1").arg(slip.matterName), A::Left, 1, true);
    if (!slip.groupName.isEmpty())
        doc.blocks << PrintBlock::textLine(SlipText::tr("业务：%1").arg(slip.groupName));
    doc.blocks << PrintBlock::textLine(SlipText::tr("日期：%1").arg(slip.dateText), A::Left, 1, true);
    doc.blocks << PrintBlock::textLine(SlipText::tr("时段：%1").arg(slip.slotText), A::Left, 1, true);
    if (!slip.hallAddress.isEmpty())
        doc.blocks << PrintBlock::textLine(SlipText::tr("地址：%1").arg(slip.hallAddress));
    if (!slip.phoneMasked.isEmpty())
        doc.blocks << PrintBlock::textLine(SlipText::tr("手机：%1").arg(slip.phoneMasked));
    doc.blocks << PrintBlock::textLine(SlipText::tr("预约号：%1").arg(slip.bookingId));
    if (slip.cancelled) {
        doc.blocks << PrintBlock::feed(1);
        doc.blocks << PrintBlock::textLine(SlipText::tr("此预约已取消，不再有效。"));
        doc.blocks << PrintBlock::textLine(SlipText::tr("如需办理，请重新预约或现场取号。"));
        doc.blocks << PrintBlock::feed(3);
        return doc;
    }
    if (!slip.materials.isEmpty()) {
        doc.blocks << PrintBlock::feed(1);
        doc.blocks << PrintBlock::textLine(SlipText::tr("请带齐以下材料："), A::Left, 1, true);
        int n = 0;
        for (const QString &m : slip.materials)
            doc.blocks << PrintBlock::textLine(QStringLiteral("%1. %2").arg(++n).arg(m));
    }
    doc.blocks << PrintBlock::feed(1);
    doc.blocks << PrintBlock::qr(slip.qrToken.toUtf8());
    doc.blocks << PrintBlock::textLine(SlipText::tr("到大厅后扫此码或刷身份证签到"), A::Center);
    doc.blocks << PrintBlock::textLine(slip.checkInRule, A::Center);
    doc.blocks << PrintBlock::feed(1);
    doc.blocks << PrintBlock::textLine(slip.cancelRule);
    doc.blocks << PrintBlock::feed(3);
    return doc;
}

} // namespace hk
