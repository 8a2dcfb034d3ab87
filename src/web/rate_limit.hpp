#pragma once
// A sliding-window limit per client address, for the public pages that
// answer guesses (the status check, letter verification): enough for a
// person, too few for a script trying many values.

#include "core/date.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace sopir::web {

class RateLimiter {
public:
    RateLimiter(int max_per_window, Timestamp window_seconds)
        : m_max_per_window(max_per_window)
        , m_window_seconds(window_seconds)
    {
    }

    // True, and counted, when the address has asked fewer than the limit
    // within the window.
    bool allow(std::string const& address, Timestamp now)
    {
        std::lock_guard lock(m_mutex);
        // Forget idle addresses now and then so the map stays small.
        if (m_recent.size() > 10000)
            std::erase_if(m_recent, [&](auto const& entry) { return entry.second.empty() || entry.second.back() <= now - m_window_seconds; });
        auto& times = m_recent[address];
        while (!times.empty() && times.front() <= now - m_window_seconds)
            times.pop_front();
        if (static_cast<int>(times.size()) >= m_max_per_window)
            return false;
        times.push_back(now);
        return true;
    }

    // True when the address is under the limit, without counting this
    // look: for limits that count failures only.
    bool has_room(std::string const& address, Timestamp now)
    {
        std::lock_guard lock(m_mutex);
        auto found = m_recent.find(address);
        if (found == m_recent.end())
            return true;
        auto const recent = std::count_if(found->second.begin(), found->second.end(), [&](Timestamp at) { return at > now - m_window_seconds; });
        return recent < m_max_per_window;
    }

    Timestamp window_seconds() const { return m_window_seconds; }

private:
    int const m_max_per_window;
    Timestamp const m_window_seconds;
    std::mutex m_mutex;
    std::map<std::string, std::deque<Timestamp>> m_recent;
};

}
