#include "web/register_search.hpp"

#include <cstdlib>
#include <string_view>

namespace sopir::web {

namespace {

    bool all_digits(std::string_view text)
    {
        return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
    }

    std::string trimmed(std::string const& text)
    {
        auto const first = text.find_first_not_of(" \t");
        if (first == std::string::npos)
            return {};
        return text.substr(first, text.find_last_not_of(" \t") - first + 1);
    }

    // A whole number in [low, high], or nothing.
    std::optional<std::int64_t> parse_count(std::string const& text, std::int64_t low, std::int64_t high)
    {
        if (!all_digits(text) || text.size() > 9)
            return std::nullopt;
        std::int64_t const value = std::atoll(text.c_str());
        if (value < low || value > high)
            return std::nullopt;
        return value;
    }

    // One search box for four things: a NIK is 16 digits, a bare number is the
    // number in the register ("42" finds "0042/REG-EKTP/…"), a formatted number
    // starts with a digit ("0042/REG-EKTP/…", "400.12.2.1/…"), and a name never
    // does.
    void apply_search_text(std::string const& q, store::RegisterQuery& query)
    {
        if (q.empty())
            return;
        if (q.size() == 16 && all_digits(q))
            query.nik = q;
        else if (all_digits(q) && q.size() <= 9)
            query.number = std::atoll(q.c_str());
        else if (q.front() >= '0' && q.front() <= '9')
            query.number_prefix = q;
        else
            query.name_prefix = q;
    }

}

Result<RegisterSearch> parse_register_search(std::string const& register_id, Params const& params, Staff const& staff, Desk const& desk)
{
    RegisterSearch search;
    // The books list every applicant: office staff only.
    if (desk.is_applicant_only(staff))
        return Error::forbidden("Buku register hanya untuk petugas kantor.");
    for (auto const& definition : desk.services())
        if (auto const* found = definition.find_register(register_id))
            search.book = found;
    if (!search.book)
        return Error::invalid("register", "Register '" + register_id + "' tidak dikenal.", "register.unknown");

    std::string const format = params.get("format");
    if (format.empty() || format == "json")
        search.format = RegisterFormat::Json;
    else if (format == "csv")
        search.format = RegisterFormat::Csv;
    else if (format == "xlsx")
        search.format = RegisterFormat::Xlsx;
    else if (format == "pdf")
        search.format = RegisterFormat::Pdf;
    else
        return Error::invalid("format", "Format yang tersedia: json, csv, xlsx, pdf.", "register.format");

    if (params.has("from")) {
        search.from = parse_typed_date(params.get("from"));
        if (!search.from)
            return Error::invalid("from", "Tanggal awal (from) harus ditulis HH-BB-TTTT (atau TTTT-BB-HH), misalnya 01-12-2026.", "register.from");
    }
    if (params.has("to")) {
        search.to = parse_typed_date(params.get("to"));
        if (!search.to)
            return Error::invalid("to", "Tanggal akhir (to) harus ditulis HH-BB-TTTT (atau TTTT-BB-HH), misalnya 31-12-2026.", "register.to");
    }
    if (search.from && search.to && *search.to < *search.from)
        return Error::invalid("to", "Tanggal akhir tidak boleh sebelum tanggal awal.", "register.period");

    auto& query = search.query;
    query.office_id = staff.office.id;
    query.register_id = register_id;
    // The year defaults to this one, unless a period says which days.
    if (params.has("year")) {
        auto year = parse_count(params.get("year"), 1900, 9999);
        if (!year)
            return Error::invalid("year", "Tahun (year) harus berupa angka empat digit.", "register.year");
        query.year = static_cast<int>(*year);
    } else if (!search.from && !search.to) {
        query.year = staff.today.year;
    }
    if (search.from)
        query.from = local_midnight(*search.from, staff.office.utc_offset_minutes);
    if (search.to)
        query.to = local_midnight(from_days(to_days(*search.to) + 1), staff.office.utc_offset_minutes);
    apply_search_text(trimmed(params.get("q")), query);
    query.village_code = trimmed(params.get("village"));

    if (params.has("page")) {
        auto page = parse_count(params.get("page"), 1, 100000000);
        if (!page)
            return Error::invalid("page", "Halaman (page) harus berupa angka mulai dari 1.", "register.page");
        search.page = *page;
    }
    if (params.has("per_page")) {
        auto per_page = parse_count(params.get("per_page"), 1, k_register_max_per_page);
        if (!per_page)
            return Error::invalid("per_page", "Baris per halaman (per_page) harus 1 sampai 200.", "register.per_page");
        search.per_page = *per_page;
    }
    if (search.format == RegisterFormat::Json) {
        query.offset = (search.page - 1) * search.per_page;
        query.limit = search.per_page;
    } else {
        // The exports hold every matching row; one more than allowed tells
        // that there are too many.
        query.offset = 0;
        query.limit = k_max_export_rows;
    }
    return search;
}

}
