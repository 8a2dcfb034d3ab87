#include "core/result.hpp"

namespace sopir {

char const* to_string(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Forbidden: return "Forbidden";
    case ErrorKind::InvalidTransition: return "InvalidTransition";
    case ErrorKind::Invalid: return "Invalid";
    case ErrorKind::Conflict: return "Conflict";
    case ErrorKind::NotFound: return "NotFound";
    case ErrorKind::Unavailable: return "Unavailable";
    case ErrorKind::Internal: return "Internal";
    }
    return "Internal";
}

}
