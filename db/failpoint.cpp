#include "db/failpoint.h"

#include <QByteArray>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace hk {
namespace {

struct Armed {
    QByteArray name; // empty: no failpoint armed
    long hit = 1;    // the call of `name` that kills
    std::atomic<long> calls{0};
};

Armed &armed()
{
    static Armed *const point = [] {
        auto *a = new Armed; // never destroyed: a failpoint may be hit during static destruction
        const char *value = std::getenv("HALLKIOSK_FAILPOINT");
        if (!value || !*value)
            return a;
        QByteArray text(value);
        const qsizetype colon = text.lastIndexOf(':');
        if (colon > 0) {
            bool ok = false;
            const long n = text.mid(colon + 1).toLong(&ok);
            if (ok && n > 0) {
                a->hit = n;
                text.truncate(colon);
            }
        }
        a->name = text;
        return a;
    }();
    return *point;
}

} // namespace

void failpoint(const char *name)
{
    Armed &point = armed();
    if (point.name.isEmpty() || std::strcmp(point.name.constData(), name) != 0)
        return;
    if (point.calls.fetch_add(1) + 1 == point.hit)
        ::kill(::getpid(), SIGKILL);
}

} // namespace hk
