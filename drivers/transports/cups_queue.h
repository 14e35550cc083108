#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace hk {

// IPP job states (RFC 8011 §5.3.7), as CUPS reports them.
enum class CupsJobState { Pending = 3, Held = 4, Processing = 5, Stopped = 6, Canceled = 7, Aborted = 8, Completed = 9 };

struct CupsJob {
    int id = 0;
    CupsJobState state = CupsJobState::Pending;
    qint64 ageS = 0; // since the scheduler created it
};

// What a CUPS queue says about itself (DESIGN §4: the terminal's only view of a cups: printer).
struct CupsQueueState {
    int printerState = 3; // printer-state: 3 idle, 4 processing, 5 stopped
    bool accepting = true; // printer-is-accepting-jobs
    QString reasons;       // printer-state-reasons, comma-separated ("none" when all is well)
    QString message;       // printer-state-message
    QList<CupsJob> activeJobs; // pending, held or processing
};

// A CUPS print queue, asynchronously: every callback runs once, on the caller's thread, never
// inside the call that made the request. Implemented over libcups by CupsTransport.
class CupsQueue {
public:
    using JobCallback = std::function<void(Result<int, QString>)>;
    using StateCallback = std::function<void(Result<CupsQueueState, QString>)>;
    using JobStateCallback = std::function<void(Result<CupsJobState, QString>)>;
    using DoneCallback = std::function<void(Result<void, QString>)>;

    virtual ~CupsQueue() = default;

    virtual QString queueName() const = 0;
    // One raw (application/vnd.cups-raw) job with these bytes; the job id once the scheduler has them all.
    virtual void submitJob(const QByteArray &bytes, const QString &title, JobCallback done) = 0;
    virtual void queryQueue(StateCallback done) = 0;
    virtual void queryJob(int jobId, JobStateCallback done) = 0;
    virtual void cancelJob(int jobId, DoneCallback done) = 0;
};

} // namespace hk
