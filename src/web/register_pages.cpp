// The office's books as pages: the Register E-KTP and the agenda
// book of letters, searchable and paged, with links that download the same
// search from the API (/api/v1/registers/{register}) as CSV or XLSX, and the
// period's printable pages as PDF. Who may see them and how a search reads
// is the API's own rule (register_search.hpp).
//
//   GET /register                  the first book
//   GET /register/{register}?q=&tahun=&dari=&sampai=&desa=&halaman=
#include "web/register_search.hpp"
#include "web/route_table.hpp"
#include "web/staff_pages.hpp"

#include "core/indonesian.hpp"

#include <algorithm>
#include <memory>
#include <set>

namespace sopir::web {

namespace {

    using ctemplate::TemplateDictionary;

    // The page's inputs and the API's parameters they become; only those given
    // are passed on, so that an empty input means "not given" as in the API.
    struct InputName {
        char const* page;
        char const* api;
    };
    constexpr InputName k_inputs[] = {
        { "q", "q" },
        { "tahun", "year" },
        { "dari", "from" },
        { "sampai", "to" },
        { "desa", "village" },
        { "halaman", "page" },
    };

    Params api_params(Params const& query)
    {
        Params out;
        for (auto const& input : k_inputs)
            if (std::string const value = query.get(input.page); !value.empty())
                out.add(input.api, value);
        return out;
    }

    // The search's own link: the given inputs, with `halaman` replaced.
    std::string page_link(std::string const& register_id, Params const& query, std::int64_t page)
    {
        std::string link = "/register/" + url_encode(register_id);
        char separator = '?';
        for (auto const& input : k_inputs) {
            std::string const value = input.page == std::string_view("halaman") ? (page > 1 ? std::to_string(page) : "") : query.get(input.page);
            if (value.empty())
                continue;
            link += separator + std::string(input.page) + "=" + url_encode(value);
            separator = '&';
        }
        if (std::string const office = query.get("kantor"); !office.empty())
            link += separator + std::string("kantor=") + url_encode(office);
        return link;
    }

    // The same search from the API, every matching row, as `format`; a
    // supervisor's names the office read (`office`, the API's parameter).
    std::string export_link(std::string const& register_id, Params const& query, char const* format)
    {
        std::string link = "/api/v1/registers/" + url_encode(register_id) + "?format=" + format;
        if (std::string const office = query.get("kantor"); !office.empty())
            link += "&office=" + url_encode(office);
        for (auto const& input : k_inputs) {
            std::string const value = query.get(input.page);
            if (value.empty() || input.page == std::string_view("halaman"))
                continue;
            link += "&" + std::string(input.api) + "=" + url_encode(value);
        }
        return link;
    }

    // The API's message names its own parameter ("Tanggal awal (from) …"); the
    // page names its input instead.
    std::string page_message(Error const& error)
    {
        if (error.code == "register.from")
            return "Tanggal awal (dari) harus ditulis HH-BB-TTTT, misalnya 01-12-2026.";
        if (error.code == "register.to")
            return "Tanggal akhir (sampai) harus ditulis HH-BB-TTTT, misalnya 31-12-2026.";
        if (error.code == "register.period")
            return "Tanggal akhir (sampai) tidak boleh sebelum tanggal awal (dari).";
        if (error.code == "register.year")
            return "Tahun harus berupa angka empat digit, misalnya 2026.";
        if (error.code == "register.page")
            return "Halaman harus berupa angka mulai dari 1.";
        return error.message;
    }

    std::vector<RegisterDefinition const*> books_of(Desk const& desk)
    {
        std::vector<RegisterDefinition const*> books;
        std::set<std::string> seen;
        for (auto const& definition : desk.services())
            for (auto const& book : definition.registers)
                if (seen.insert(book.id).second)
                    books.push_back(&book);
        return books;
    }

    // The tabs of the office's books; the one shown, if it is one of them.
    RegisterDefinition const* add_book_tabs(TemplateDictionary& body, Desk const& desk, std::string const& register_id)
    {
        RegisterDefinition const* current = nullptr;
        for (auto const* book : books_of(desk)) {
            auto* tab = body.AddSectionDictionary("BOOK");
            tab->SetValue("ID", book->id);
            tab->SetValue("LABEL", book->label);
            if (book->id == register_id) {
                current = book;
                tab->ShowSection("ON");
            } else {
                tab->ShowSection("OFF");
            }
        }
        return current;
    }

    // What was searched, in words.
    std::string searched_in_words(RegisterSearch const& search)
    {
        std::string scope;
        if (search.query.year)
            scope = "tahun " + std::to_string(*search.query.year);
        if (search.from || search.to) {
            scope += scope.empty() ? "" : ", ";
            if (search.from && search.to)
                scope += format_date_id(*search.from) + " s.d. " + format_date_id(*search.to);
            else if (search.from)
                scope += "sejak " + format_date_id(*search.from);
            else
                scope += "sampai " + format_date_id(*search.to);
        }
        return scope;
    }

    void add_register_rows(TemplateDictionary& body, Regions const& regions, RegisterSearch const& search, store::RegisterPage const& found, int offset,
        bool link_cases)
    {
        std::int64_t ordinal = search.query.offset;
        for (auto const& line : found.lines) {
            auto* row = body.AddSectionDictionary("ROW");
            Region const* village = regions.find(line.village_code);
            row->SetIntValue("ORDINAL", ++ordinal);
            row->SetValue("NUMBER", line.entry.formatted);
            row->SetValue("DATE", format_date_id(local_date(line.entry.taken_at, offset)));
            row->SetIntValue("CASE_ID", line.entry.case_id);
            // A supervisor reads the book; the case pages are the office's.
            row->SetValueAndShowSection("NAME", line.applicant_name, link_cases ? "CASE_LINK" : "NAME_ONLY");
            // Staff of the office see the whole NIK, as on the printed register.
            row->SetValue("NIK", line.nik);
            row->SetValue("VILLAGE", village ? village->name : line.village_code);
        }
    }

    // Page links: the first, the last, and two either side of this one.
    void add_paging(TemplateDictionary& body, std::string const& register_id, Params const& query, RegisterSearch const& search, std::int64_t total)
    {
        std::int64_t const pages = std::max<std::int64_t>(1, (total + search.per_page - 1) / search.per_page);
        std::int64_t const here = search.page;
        if (pages > 1) {
            auto* paging = body.AddSectionDictionary("PAGING");
            paging->SetValue("SUMMARY", "Halaman " + std::to_string(here) + " dari " + std::to_string(pages));
            if (here > 1)
                paging->AddSectionDictionary("PREVIOUS")->SetValue("HREF", page_link(register_id, query, here - 1));
            std::int64_t last_shown = 0;
            for (std::int64_t page = 1; page <= pages; ++page) {
                if (page != 1 && page != pages && (page < here - 2 || page > here + 2))
                    continue;
                if (page > last_shown + 1)
                    paging->AddSectionDictionary("LINK")->ShowSection("GAP");
                auto* link = paging->AddSectionDictionary("LINK");
                if (page == here) {
                    link->AddSectionDictionary("HERE")->SetIntValue("NUMBER", page);
                } else {
                    auto* other = link->AddSectionDictionary("OTHER");
                    other->SetIntValue("NUMBER", page);
                    other->SetValue("HREF", page_link(register_id, query, page));
                }
                last_shown = page;
            }
            if (here < pages)
                paging->AddSectionDictionary("NEXT")->SetValue("HREF", page_link(register_id, query, here + 1));
        }
    }

    // The downloads: CSV and XLSX hold every row of this search; the PDF is
    // the printable book, which covers a period (the dates given, else the
    // year up to today), not a name or village.
    void add_downloads(TemplateDictionary& body, std::string const& register_id, Params const& query, RegisterSearch const& search, Date today)
    {
        body.SetValue("CSV_HREF", export_link(register_id, query, "csv"));
        body.SetValue("XLSX_HREF", export_link(register_id, query, "xlsx"));
        int const year = search.query.year.value_or(today.year);
        Date const year_end = year == today.year ? today : Date { year, 12, 31 };
        Date const pdf_to = std::max(search.to.value_or(year_end), search.from.value_or(year_end));
        Date const pdf_from = search.from.value_or(Date { search.to ? search.to->year : year, 1, 1 });
        std::string const office = query.get("kantor");
        body.SetValue("PDF_HREF", "/api/v1/registers/" + url_encode(register_id) + "?format=pdf&from=" + to_iso(pdf_from) + "&to=" + to_iso(pdf_to)
                + (office.empty() ? "" : "&office=" + url_encode(office)));
        body.SetValue("PDF_PERIOD", format_date_id(pdf_from) + " s.d. " + format_date_id(pdf_to));
        body.ShowSection("DOWNLOADS");
    }

    // A kabupaten supervisor reads one office's books at a time: the offices
    // of their kabupaten to choose from, the chosen one marked.
    void add_office_choice(TemplateDictionary& body, WebContext& context, Session const& session, std::string const& chosen)
    {
        auto scope = context.desk.report_scope(session.staff, "");
        if (!scope.ok())
            return;
        auto* picker = body.AddSectionDictionary("OFFICE_PICKER");
        for (auto const& office : scope->offices) {
            auto* option = picker->AddSectionDictionary("CHOICE");
            option->SetValue("CODE", office.code);
            option->SetValue("NAME", office.name);
            option->ShowSection(office.code == chosen ? "ON" : "OFF");
        }
    }

    Response register_page(WebContext& context, Views const& views, Session const& session, Request const& request)
    {
        std::string const register_id = request.param("register");
        PageFrame frame = frame_of(context, session, "Buku register");
        bool const supervisor = frame.supervisor;
        std::string const chosen_office = request.query.get("kantor");
        auto reader = context.desk.register_reader(session.staff, supervisor ? chosen_office : std::string());
        if (!reader.ok() && !(supervisor && chosen_office.empty()))
            return views.message(http_status(reader.error()), frame, "Buku register", reader.error().message);
        Staff const& staff = reader.ok() ? *reader : session.staff;
        auto search = parse_register_search(register_id, api_params(request.query), staff, context.desk);
        if (!search.ok() && search.error().kind == ErrorKind::Forbidden)
            return views.message(403, frame, "Buku register", search.error().message);
        if (!search.ok() && search.error().code == "register.unknown")
            return views.message(404, frame, "Buku register", "Buku register '" + register_id + "' tidak dikenal.");

        TemplateDictionary body("register");
        RegisterDefinition const* current = add_book_tabs(body, context.desk, register_id);
        std::string const title = current ? current->label : register_id;
        frame.title = title;
        body.SetValue("TITLE", title);
        body.SetValue("OFFICE", staff.office.name);
        body.SetValue("KANTOR", chosen_office);
        body.SetValue("REGISTER_ID", register_id);
        if (supervisor) {
            add_office_choice(body, context, session, chosen_office);
            if (!reader.ok()) {
                body.ShowSection("CHOOSE_OFFICE");
                return views.page(200, frame, "register.tpl", body);
            }
            body.SetValue("KANTOR_SUFFIX", "?kantor=" + chosen_office);
            body.ShowSection("KANTOR_FIELD");
        }
        body.ShowSection("READING");
        body.SetValue("NUMBER_HEADING", current && current->kind == RegisterKind::Letter ? "Nomor surat" : "Nomor register");
        body.SetValue("Q", request.query.get("q"));
        body.SetValue("TAHUN", request.query.get("tahun"));
        body.SetValue("DARI", request.query.get("dari"));
        body.SetValue("SAMPAI", request.query.get("sampai"));
        body.SetIntValue("THIS_YEAR", staff.today.year);
        std::string const chosen_village = request.query.get("desa");
        for (auto const& village : context.desk.regions().villages_of(staff.office.code)) {
            auto* option = body.AddSectionDictionary("VILLAGE");
            option->SetValue("CODE", village.code);
            option->SetValue("NAME", village.name);
            option->ShowSection(village.code == chosen_village ? "ON" : "OFF");
        }

        if (!search.ok()) {
            body.AddSectionDictionary("SEARCH_ERROR")->SetValue("MESSAGE", page_message(search.error()));
            body.ShowSection("EMPTY");
            return views.page(http_status(search.error()), frame, "register.tpl", body);
        }
        auto found = context.records.search_register(staff, search->query);
        if (!found.ok())
            return views.message(http_status(found.error()), frame, title, found.error().message);
        context.desk.log_bulk_read(session.staff, "halaman register " + search->query.register_id + " kantor " + staff.office.code,
            static_cast<std::int64_t>(found->lines.size()), request.remote_address);

        body.SetValue("SCOPE", searched_in_words(*search));
        body.SetIntValue("TOTAL", found->total);

        add_register_rows(body, context.desk.regions(), *search, *found, staff.office.utc_offset_minutes, !supervisor);
        if (found->lines.empty())
            body.ShowSection("EMPTY");
        else
            body.ShowSection("HAS_ROWS");

        add_paging(body, register_id, request.query, *search, found->total);

        add_downloads(body, register_id, request.query, *search, staff.today);
        return views.page(200, frame, "register.tpl", body);
    }

    Response first_register(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            auto const books = books_of(context.desk);
            if (books.empty())
                return views.message(404, frame_of(context, session, "Buku register"), "Buku register", "Belum ada buku register yang dimuat.");
            return Response::redirect("/register/" + url_encode(books.front()->id));
        });
    }

    Response register_view(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            return register_page(context, views, session, request);
        });
    }

    RouteEntry<StaffPages> const k_register_pages[] = {
        { "GET", "/register", first_register },
        { "GET", "/register/{register}", register_view },
    };

}

void add_register_pages(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<StaffPages>(context), k_register_pages);
}
}
