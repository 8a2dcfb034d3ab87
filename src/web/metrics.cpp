#include "web/metrics.hpp"

#include <sstream>

namespace sopir::web {

void Metrics::observe(std::string const& route, int status, double seconds)
{
    std::lock_guard lock(m_mutex);
    ++m_requests[{ route, status }];
    for (size_t i = 0; i < k_buckets.size(); ++i)
        if (seconds <= k_buckets[i])
            ++m_bucket_counts[i];
    ++m_count;
    m_sum += seconds;
}

static std::string escape_label(std::string const& value)
{
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string Metrics::render(std::string const& extra) const
{
    std::lock_guard lock(m_mutex);
    std::ostringstream out;
    out << "# HELP sopir_http_requests_total HTTP requests by route and status.\n# TYPE sopir_http_requests_total counter\n";
    for (auto const& [key, count] : m_requests)
        out << "sopir_http_requests_total{route=\"" << escape_label(key.first) << "\",status=\"" << key.second << "\"} " << count << "\n";
    out << "# HELP sopir_http_request_duration_seconds Time to answer a request.\n# TYPE sopir_http_request_duration_seconds histogram\n";
    for (size_t i = 0; i < k_buckets.size(); ++i)
        out << "sopir_http_request_duration_seconds_bucket{le=\"" << k_buckets[i] << "\"} " << m_bucket_counts[i] << "\n";
    out << "sopir_http_request_duration_seconds_bucket{le=\"+Inf\"} " << m_count << "\n";
    out << "sopir_http_request_duration_seconds_sum " << m_sum << "\n";
    out << "sopir_http_request_duration_seconds_count " << m_count << "\n";
    out << extra;
    return out.str();
}

}
