#include "tests/support/fake_transport.h"
