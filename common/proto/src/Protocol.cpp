#include "rollcall/proto/Protocol.hpp"
