// Moved to kashf/testing/files.h (library kashf_testing, linked by tests only). This forwarding header
// keeps branches written before the move compiling; it goes once every include is updated.
#pragma once
#include "kashf/testing/files.h"
