#pragma once

namespace hk {

// Crash points for the tests that kill a terminal at a named moment (test-only; db/README.md lists
// them). When the environment variable HALLKIOSK_FAILPOINT is `name`, the first call of
// failpoint("name") kills the process with SIGKILL — no destructor, no flush, as a power cut
// would; `name:N` kills it at the N-th call of that name. The variable is read once; unset, a
// failpoint costs one test of a flag.
void failpoint(const char *name);

} // namespace hk
