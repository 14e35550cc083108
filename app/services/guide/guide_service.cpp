#include "app/services/guide/guide_service.h"

#include "app/services/logging.h"

#include <QCoreApplication>

namespace hk {

// The translation context of the printed materials list (resources/translations, DESIGN §14): the citizen's
// language at the moment it is composed.
struct GuideText {
    Q_DECLARE_TR_FUNCTIONS(GuideText)
};

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

GuideService::GuideService(CatalogService &catalog, IssueTicketService &issue, const Clock &clock)
    : m_catalog(catalog)
    , m_issue(issue)
    , m_clock(clock)
{
}

MatterGuide GuideService::guideOf(const Matter &m) const
{
    MatterGuide g;
    g.code = text(m.code);
    g.name = text(m.name);
    g.groupCode = text(m.group);
    g.groupName = m_catalog.groupName(g.groupCode);
    g.complexity = m.complexity;
    for (const std::string &material : m.materials)
        g.materials.append(text(material));
    g.bookable = m.bookable;
    g.weekend = m.weekend;
    return g;
}

QList<GuideGroup> GuideService::groups() const
{
    const Catalog &catalog = m_catalog.catalog();
    QList<GuideGroup> groups;
    for (const Group &group : catalog.groups) {
        GuideGroup g{text(group.code), text(group.name), {}};
        for (const Matter &m : catalog.matters) {
            if (m.group == group.code)
                g.matters.append(guideOf(m));
        }
        if (!g.matters.isEmpty()) // a group with nothing to read is no help here
            groups.append(g);
    }
    return groups;
}

std::optional<MatterGuide> GuideService::matter(const QString &code) const
{
    const Matter *m = m_catalog.catalog().findMatter(code.toStdString());
    if (!m)
        return std::nullopt;
    return guideOf(*m);
}

PrintDocument GuideService::materialsList(const MatterGuide &matter) const
{
    using A = PrintBlock::Align;
    const Center &center = m_catalog.catalog().center;
    const QDate today = m_catalog.centerTime().toLocal(m_clock.now()).date();
    PrintDocument doc;
    doc.title = QStringLiteral("materials %1").arg(matter.code);
    doc.key = QStringLiteral("materials:%1").arg(matter.code);
    doc.blocks.append(PrintBlock::textLine(text(center.name), A::Center, 1, true));
    doc.blocks.append(PrintBlock::textLine(GuideText::tr("办事材料清单（一次性告知）"), A::Center, 2, true));
    doc.blocks.append(PrintBlock::feed(1));
    doc.blocks.append(PrintBlock::textLine(GuideText::tr("事项：%1").arg(matter.name), A::Left, 1, true));
    doc.blocks.append(PrintBlock::textLine(GuideText::tr("分组：%1").arg(matter.groupName)));
    doc.blocks.append(PrintBlock::textLine(GuideText::tr("请带齐以下材料：")));
    for (int i = 0; i < matter.materials.size(); ++i)
        doc.blocks.append(PrintBlock::textLine(QStringLiteral("%1. %2").arg(i + 1).arg(matter.materials.at(i))));
    if (matter.materials.isEmpty())
        doc.blocks.append(PrintBlock::textLine(GuideText::tr("无需材料，请咨询窗口")));
    doc.blocks.append(PrintBlock::feed(1));
    if (matter.bookable)
        doc.blocks.append(PrintBlock::textLine(GuideText::tr("可预约，预约后到场优先办理")));
    if (!center.address.empty())
        doc.blocks.append(PrintBlock::textLine(GuideText::tr("地址：%1").arg(text(center.address))));
    doc.blocks.append(PrintBlock::textLine(GuideText::tr("打印日期：%1").arg(today.toString(QStringLiteral("yyyy-MM-dd")))));
    doc.blocks.append(PrintBlock::feed(3));
    return doc;
}

void GuideService::printMaterials(const QString &matterCode, PrintDone done)
{
    const std::optional<MatterGuide> m = matter(matterCode);
    if (!m) {
        // The catalog changed under the citizen's finger: nothing to print, said as a printer fault
        // would be (the screen goes back to the groups on the catalog's change anyway).
        qCWarning(lcIssue).noquote() << "no materials list: unknown matter" << matterCode;
        done(DeviceError::BadReply);
        return;
    }
    m_issue.printDocument(materialsList(*m), [done](Result<void, DeviceError> printed) {
        done(printed ? std::nullopt : std::optional(printed.error()));
    });
}

} // namespace hk
