#pragma once

#include "app/services/maintenance/maintenance_service.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <map>

namespace hk {

class AuditLog;
class CatalogService;
class Clock;
class CodeScanner;
class DayService;
class DeviceReconfigurer;
class HealthService;
class IdentityReader;
class IssueTicketService;
class LocalSettings;
class OutboxStore;
class SerialPortCatalog;
class SyncService;
class TicketComposer;
class TicketPrinter;
class VoiceOutput;
class WindowBus;

// What the maintenance service drives, given by the composition root. A device the terminal runs
// without is null; the functions are how the root's adapters answer what the services cannot
// (QtGui, zlib, the database's own checks).
struct MaintenanceService::Parts {
    QString version;
    QString terminal;
    QDateTime startedAt;
    const Clock *clock = nullptr;
    HealthService *health = nullptr;
    std::map<QString, const DeviceTrace *> traces; // by role: printer, idcard, scanner, hallbus …
    std::function<QString(const QString &role)> uriOf; // the link a role runs on now; empty when absent

    TicketPrinter *printer = nullptr;
    IssueTicketService *issue = nullptr; // the printer's turn
    TicketComposer *composer = nullptr;
    const CatalogService *catalog = nullptr; // the center's time on the sample ticket
    WindowBus *bus = nullptr;
    VoiceOutput *voice = nullptr;
    IdentityReader *idcard = nullptr;
    QList<CodeScanner *> scanners;
    std::function<SyncService *()> sync; // null until the sync runs (the demo's starts late)

    OutboxStore *outbox = nullptr;
    DayService *day = nullptr;
    AuditLog *audit = nullptr;     // where the technicians' changes are written (the terminal's own)
    AuditLog *hallAudit = nullptr; // a hall's, checked beside it; null for a terminal alone
    std::function<Result<QString, QString>()> integrityCheck;
    QString engine;        // "sqlite" | "postgresql"
    QString schemaVersion; // "13" (SQLite), "1.3" (the hall's)

    SerialPortCatalog *ports = nullptr;
    DeviceReconfigurer *devices = nullptr;
    LocalSettings *local = nullptr;
    std::function<QString()> printerProfile;
    std::function<QByteArray()> previewPng;

    std::function<QByteArray(const std::vector<DiagnosticsFile> &)> pack; // .tar.gz
    std::function<QStringList()> logLines;
    std::function<QJsonObject()> redactedConfig;
    std::function<QJsonObject()> healthJson;
    QString stateDirectory;
    QStringList mediaRoots{QStringLiteral("/media")};
    std::function<void()> restart;
};

} // namespace hk
