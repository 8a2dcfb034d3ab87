// The SOCI store's register search: the Register
// E-KTP and the agenda book as searchable, paged tables.
//
// Every search is bounded by the numbering year (the unique index on
// register_entries (office_id, register, year, number), which also gives the
// order) or by the period (register_entries_period). The other filters are
// checked on the rows of that year or period: a kecamatan gives some ten
// thousand numbers a year, so even the busiest office's year is read in
// milliseconds however many years the register holds.
//
// Number prefixes are compared with substr() rather than with a range on an
// index: a range such as `formatted >= '0042/' AND formatted < '00420'` is
// exact only under a byte-order collation, and a PostgreSQL database made
// with a language collation (en_US, id_ID) ignores punctuation like '/' and
// '.' in its first pass, so the range would miss numbers. Name prefixes are
// a range in byte order on the folded name: within a year on the entry's own
// copy (register_entries_name, 0009), over a period without a year on the
// case's (cases_name_folded, 0008; COLLATE "C" on PostgreSQL). The query is
// folded by the same lower() as the names, in the database: SQLite's folds
// only ASCII, PostgreSQL's every letter its character type knows, and each
// compares like with like (the query once was folded here, ASCII only, and
// missed "ÉDI" on PostgreSQL).
#include "store/soci_support.hpp"

#include <functional>

namespace sopir::store {

namespace {

    // The columns both queries read, and the filters they share (0007_register_search.sql).
    constexpr char const* k_register_search_columns = "SELECT r.office_id, r.register, r.year, r.number, r.formatted, r.case_id, r.taken_at, c.applicant_name, c.nik, c.village_code ";
    constexpr char const* k_register_search_count_column = "SELECT COUNT(*) ";
    constexpr char const* k_register_search_tables = "FROM register_entries r JOIN cases c ON c.id = r.case_id WHERE r.office_id = :office_id AND r.register = :register";
    // The count when no filter reads the case: the entries' indexes alone.
    constexpr char const* k_register_search_tables_entries = "FROM register_entries r WHERE r.office_id = :office_id AND r.register = :register";
    // A NIK names one person's few cases, the beginning of a name over a
    // period some hundreds: start from them (cases_nik or cases_name_folded,
    // then register_entries_case, 0008) rather than from the period's entries.
    // SQLite keeps a CROSS JOIN's order; PostgreSQL plans it like any join.
    constexpr char const* k_register_search_tables_person = "FROM cases c CROSS JOIN register_entries r WHERE c.id = r.case_id AND r.office_id = :office_id AND r.register = :register";
    constexpr char const* k_register_search_year = " AND r.year = :year";
    constexpr char const* k_register_search_from = " AND r.taken_at >= :from";
    constexpr char const* k_register_search_to = " AND r.taken_at < :to";
    constexpr char const* k_register_search_entry = " AND r.number = :number";
    constexpr char const* k_register_search_number = " AND substr(r.formatted, 1, :number_length) = :number_prefix";
    constexpr char const* k_register_search_nik = " AND c.nik = :nik";
    // The beginning of a name as a byte-order range, which the name index
    // answers without reading the cases: [prefix, prefix + U+10FFFF) holds
    // every name that begins with it and nothing else (SQLite compares
    // bytes; on PostgreSQL the "C" collation does).
    constexpr char const* k_register_search_name_range_sqlite = " AND lower(c.applicant_name) >= lower(:name_low) AND lower(c.applicant_name) < lower(:name_high)";
    constexpr char const* k_register_search_name_range_postgresql =
        " AND (lower(c.applicant_name) COLLATE \"C\") >= lower(:name_low) AND (lower(c.applicant_name) COLLATE \"C\") < lower(:name_high)";
    // Within a year: the entry's own folded name (0009), in byte order on
    // both databases (its column is COLLATE "C" on PostgreSQL).
    constexpr char const* k_register_search_entry_name_range = " AND r.name_folded >= lower(:name_low) AND r.name_folded < lower(:name_high)";
    constexpr char const* k_register_search_village = " AND c.village_code = :village_code";
    constexpr char const* k_register_search_page = " ORDER BY r.year, r.number LIMIT :limit OFFSET :offset";
    // The page of entries first, then their cases: wraps the filters and the page.
    constexpr char const* k_register_search_page_of_entries = "FROM (SELECT r.office_id, r.register, r.year, r.number, r.formatted, "
                                                              "r.case_id, r.taken_at FROM register_entries r "
                                                              "WHERE r.office_id = :office_id AND r.register = :register";
    constexpr char const* k_register_search_page_cases = ") r JOIN cases c ON c.id = r.case_id ORDER BY r.year, r.number";


    // Characters, not bytes: substr() counts characters on both databases.
    int utf8_length(std::string const& text)
    {
        int length = 0;
        for (unsigned char c : text)
            length += (c & 0xC0) != 0x80;
        return length;
    }

    // The WHERE clause's optional filters, and the values they bind in
    // order. The values live in the query and in this object, which outlive
    // the statements.
    class SearchFilters {
    public:
        SearchFilters(RegisterQuery const& query, Backend backend)
            : m_query(query)
            , m_backend(backend)
            , m_name_prefix(query.name_prefix)
            , m_name_high(m_name_prefix + "\xF4\x8F\xBF\xBF")
            , m_number_length(utf8_length(query.number_prefix))
            
        {
            if (query.year)
                m_year = *query.year;
            if (query.number)
                m_number = *query.number;
            if (query.from)
                m_from = *query.from;
            if (query.to)
                m_to = *query.to;
        }

        std::string sql() const
        {
            std::string where;
            if (m_query.year)
                where += k_register_search_year;
            if (m_query.from)
                where += k_register_search_from;
            if (m_query.to)
                where += k_register_search_to;
            if (m_query.number)
                where += k_register_search_entry;
            if (!m_query.number_prefix.empty())
                where += k_register_search_number;
            if (!m_query.nik.empty())
                where += k_register_search_nik;
            if (!m_name_prefix.empty() && m_query.year)
                where += k_register_search_entry_name_range;
            else if (!m_name_prefix.empty())
                where += m_backend == Backend::Postgresql ? k_register_search_name_range_postgresql : k_register_search_name_range_sqlite;
            if (!m_query.village_code.empty())
                where += k_register_search_village;
            return where;
        }

        // Binds the values in the order sql() names them, after the office
        // and the register.
        void bind(soci::statement& statement)
        {
            statement.exchange(soci::use(m_query.office_id));
            statement.exchange(soci::use(m_query.register_id));
            if (m_query.year)
                statement.exchange(soci::use(m_year));
            if (m_query.from)
                statement.exchange(soci::use(m_from));
            if (m_query.to)
                statement.exchange(soci::use(m_to));
            if (m_query.number)
                statement.exchange(soci::use(m_number));
            if (!m_query.number_prefix.empty()) {
                statement.exchange(soci::use(m_number_length));
                statement.exchange(soci::use(m_query.number_prefix));
            }
            if (!m_query.nik.empty())
                statement.exchange(soci::use(m_query.nik));
            if (!m_name_prefix.empty()) {
                statement.exchange(soci::use(m_name_prefix));
                statement.exchange(soci::use(m_name_high));
            }
            if (!m_query.village_code.empty())
                statement.exchange(soci::use(m_query.village_code));
        }

        // Whether a filter reads the case row, not the entry alone.
        bool reads_case() const
        {
            return !m_query.nik.empty() || !m_query.village_code.empty() || (!m_name_prefix.empty() && !m_query.year);
        }

    private:
        RegisterQuery const& m_query;
        Backend m_backend;
        std::string m_name_prefix;
        std::string m_name_high;
        int m_number_length { 0 };
        int m_year { 0 };
        std::int64_t m_number { 0 };
        Timestamp m_from { 0 }, m_to { 0 };
    };

}

Result<RegisterPage> SociStore::search_register(RegisterQuery const& query)
{
    if (query.limit < 0 || query.offset < 0)
        return Error::invalid("page", "Halaman tidak sah.", "register.page");
    return with_session([&](soci::session& sql) -> Result<RegisterPage> {
        SearchFilters filters(query, backend());
        std::string const where = filters.sql();
        RegisterPage page;

        soci::statement count(sql);
        count.alloc();
        // A NIK starts from the person. A name within a year is the entry's
        // own; over a period, three letters or more start from the names
        // (one or two begin a tenth of all names: then the period's entries
        // are fewer).
        bool const by_person = !query.nik.empty() || (!query.year && utf8_length(query.name_prefix) >= 3);
        std::string const from = by_person ? k_register_search_tables_person : k_register_search_tables;
        count.prepare(k_register_search_count_column + (filters.reads_case() || by_person ? from : k_register_search_tables_entries) + where);
        count.exchange(soci::into(page.total));
        filters.bind(count);
        count.define_and_bind();
        count.execute(true);

        if (query.limit == 0 || query.offset >= page.total)
            return page;
        std::int64_t limit = query.limit, offset = query.offset;
        RegisterLineRow row;
        soci::statement rows(sql);
        rows.alloc();
        // When no filter reads the case, the page is cut from the entries
        // alone and only its own lines meet their cases: a common name's
        // year has a thousand entries and the page fifty.
        if (!by_person && !filters.reads_case())
            rows.prepare(std::string(k_register_search_columns) + k_register_search_page_of_entries + where + k_register_search_page
                + k_register_search_page_cases);
        else
            rows.prepare(std::string(k_register_search_columns) + from + where + k_register_search_page);
        row.bind(rows);
        filters.bind(rows);
        rows.exchange(soci::use(limit));
        rows.exchange(soci::use(offset));
        rows.define_and_bind();
        rows.execute(false);
        while (rows.fetch())
            page.lines.push_back(row.line);
        return page;
    });
}

}
