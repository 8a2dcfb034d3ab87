#pragma once
// Prometheus text metrics: requests by route and status, a latency
// histogram, and (filled at scrape time) cases by state.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace sopir::web {

class Metrics {
public:
    void observe(std::string const& route, int status, double seconds);
    // The exposition text; `extra` is appended (e.g. cases by state).
    std::string render(std::string const& extra) const;

private:
    static constexpr std::array<double, 10> k_buckets { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5 };
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, long long> m_requests;
    std::array<long long, k_buckets.size()> m_bucket_counts {};
    long long m_count { 0 };
    double m_sum { 0 };
};

}
