#pragma once

// The answer of a call that answers through a callback — `printer.checkStatus(done)`,
// `issue.reprint(id, by, done)` — with the event loop run until it comes (QTest::qWaitFor).
// Empty when it did not come in time: the test fails on that with a message,
//     const auto status = answerOf<Result<PrinterReadiness, DeviceError>>([&](auto done) { printer.checkStatus(done); });
//     QVERIFY2(status, "the printer never answered");
// and never reads the empty optional, which would crash the whole run instead of failing one test.
// Header-only; QtTest.

#include <QTest>

#include <memory>
#include <optional>
#include <utility>

namespace hk::test {

template <typename Answer, typename Call>
std::optional<Answer> answerOf(Call &&call, int timeoutMs = 5000)
{
    // Shared with the callback: an answer that comes after the time-out lands in a live slot.
    const auto answer = std::make_shared<std::optional<Answer>>();
    std::forward<Call>(call)([answer](Answer a) { *answer = std::move(a); });
    if (!QTest::qWaitFor([&answer] { return answer->has_value(); }, timeoutMs))
        return std::nullopt;
    return std::move(*answer);
}

} // namespace hk::test
