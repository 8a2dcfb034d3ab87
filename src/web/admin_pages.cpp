// The office's administration in the browser (desk/administration.hpp):
// users, roles and Plt./Plh. assignments, password resets with a one-time
// code, the office's settings and logo. Handlers parse, call the
// administration use case, render; it checks who may.
//
//   GET  /admin                              the admin's page
//   GET  /admin/konfirmasi                   resets waiting for a second person (Camat, supervisor)
//   POST /admin/pengguna                     add a user (a one-time code is shown)
//   POST /admin/pengguna/{id}/reset-sandi    reset a password (a one-time code is shown)
//   POST /admin/pengguna/{id}/nonaktifkan|aktifkan
//   POST /admin/peran                        give a role, or a Plt./Plh. assignment
//   POST /admin/peran/{id}/cabut             end a role
//   POST /admin/reset/{id}/konfirmasi        confirm a signer's reset
//   POST /admin/pengaturan                   the office's settings
//   POST /admin/logo                         the kop surat's logo (multipart)
#include "web/route_table.hpp"
#include "web/staff_pages.hpp"

#include "core/indonesian.hpp"

#include <map>
#include <memory>

namespace sopir::web {

namespace {

    using ctemplate::TemplateDictionary;

    // Which form a failed attempt came from, what it sent and why it failed;
    // or the code just issued; or a sentence on what was done.
    struct AdminOutcome {
        std::string form; // "tambah", "peran", "pengaturan", or "" for the page.
        Params const* typed { nullptr };
        Error const* error { nullptr };
        std::optional<desk::IssuedCode> code;
    };

    // What a redirect's ?pesan= says: fixed sentences, never the query's text.
    std::string notice_of(std::string const& key)
    {
        static std::map<std::string, std::string> const k_notices {
            { "peran", "Peran disimpan." },
            { "cabut", "Peran dicabut." },
            { "nonaktif", "Akun dinonaktifkan; semua sesinya berakhir." },
            { "aktif", "Akun diaktifkan lagi." },
            { "pengaturan", "Pengaturan kantor disimpan." },
            { "logo", "Logo kop surat dipasang." },
            { "konfirmasi", "Reset kata sandi dikonfirmasi: kode sekali pakai kini berlaku dan kunci tanda tangan lama dipensiunkan." },
        };
        auto found = k_notices.find(key);
        return found == k_notices.end() ? std::string() : found->second;
    }

    std::string acting_label(RoleAssignment const& assignment, std::string const& title)
    {
        if (assignment.acting == Acting::None)
            return title;
        std::string label = std::string(assignment.acting == Acting::Plt ? "Plt. " : "Plh. ") + title;
        if (assignment.valid_from && assignment.valid_until)
            label += ", " + format_date_id(*assignment.valid_from) + " s.d. " + format_date_id(*assignment.valid_until);
        if (!assignment.surat_perintah.empty())
            label += " (Surat Perintah " + assignment.surat_perintah + ")";
        return label;
    }

    // The error messages of a failed form, by input name.
    std::map<std::string, std::string> messages_of(TemplateDictionary& body, AdminOutcome const& outcome, std::string const& form,
        char const* error_section, char const* class_name)
    {
        std::map<std::string, std::string> messages;
        if (outcome.form != form || !outcome.error) {
            body.SetValue(class_name, "");
            return messages;
        }
        Error const& error = *outcome.error;
        for (auto const& issue : error.issues)
            messages.try_emplace(issue.field, issue.message);
        if (error.issues.empty() && !error.field.empty())
            messages.try_emplace(error.field, error.message);
        body.SetValueAndShowSection("MESSAGE", messages.empty() ? error.message : "Periksa isian di bawah.", error_section);
        body.SetValue(class_name, "salah");
        return messages;
    }

    void place_fields(TemplateDictionary& body, char const* include, char const* prefix, std::vector<FormField> fields,
        std::map<std::string, std::string> const& messages)
    {
        for (auto& field : fields) {
            if (auto message = messages.find(field.name); message != messages.end())
                field.error = message->second;
            add_form_field(body, include, prefix, field);
        }
    }

    void add_waiting(TemplateDictionary& body, WebContext& context, Session const& session)
    {
        auto waiting = context.administration->waiting_resets(session.staff);
        if (!waiting.ok() || waiting->empty())
            return;
        auto* section = body.AddSectionDictionary("WAITING");
        bool const may_confirm = context.administration->may_confirm_resets(session.staff);
        for (auto const& item : *waiting) {
            auto* row = section->AddSectionDictionary("RESET");
            row->SetIntValue("ID", item.reset.id);
            row->SetValue("USERNAME", item.username);
            row->SetValue("USER_NAME", item.user_name);
            row->SetValue("REQUESTED_BY", item.requested_by_name);
            row->SetValue("AT", format_datetime_id(item.reset.created_at, item.office.utc_offset_minutes));
            bool const other = item.reset.requested_by != session.staff.user.id && item.reset.user_id != session.staff.user.id;
            if (may_confirm && other)
                row->AddSectionDictionary("CONFIRM")->SetValue("CSRF", session.principal.csrf_token);
            else
                row->ShowSection("NO_CONFIRM");
        }
    }

    void add_users(TemplateDictionary& admin, WebContext& context, Session const& session, std::vector<desk::OfficeMember> const& members)
    {
        std::map<std::string, std::string> titles;
        for (auto const& [id, title] : context.administration->assignable_roles())
            titles[id] = title;
        std::string const& csrf = session.principal.csrf_token;
        for (auto const& member : members) {
            auto* row = admin.AddSectionDictionary("USER");
            bool const self = member.user.id == session.staff.user.id;
            row->SetValue("USERNAME", member.user.username);
            row->SetValue("NAME", member.user.full_name);
            for (auto const& assignment : member.assignments) {
                auto* role = row->AddSectionDictionary("ROLE");
                auto title = titles.find(assignment.role);
                role->SetValue("LABEL", acting_label(assignment, title == titles.end() ? assignment.role : title->second));
                if (!self) {
                    auto* removable = role->AddSectionDictionary("REMOVABLE");
                    removable->SetIntValue("ASSIGNMENT_ID", assignment.id);
                    removable->SetValue("CSRF", csrf);
                    removable->SetValue("USERNAME", member.user.username);
                }
            }
            std::string status = member.user.active ? "aktif" : "nonaktif";
            if (member.user.must_change_password)
                status += ", menunggu sandi baru";
            if (member.pending_reset)
                status += ", reset sandi menunggu konfirmasi";
            row->SetValue("STATUS", status);
            if (self) {
                row->ShowSection("SELF");
                continue;
            }
            auto* actions = row->AddSectionDictionary("ACTIONS");
            actions->SetIntValue("ID", member.user.id);
            actions->SetValue("CSRF", csrf);
            actions->ShowSection(member.user.active ? "ACTIVE" : "INACTIVE");
        }
    }

    void add_member_form(TemplateDictionary& admin, WebContext& context, AdminOutcome const& outcome)
    {
        auto messages = messages_of(admin, outcome, "tambah", "ADD_ERROR", "ADD_CLASS");
        auto typed = [&](char const* name) { return outcome.form == "tambah" && outcome.typed ? outcome.typed->get(name) : std::string(); };
        std::vector<FormOption> roles;
        for (auto const& [id, title] : context.administration->assignable_roles())
            roles.push_back({ id, title });
        place_fields(admin, "ADD_FIELDS", "tp-",
            {
                { .name = "username", .label = "Nama pengguna", .values = { typed("username") }, .required = true, .help = "Untuk masuk; tanpa spasi." },
                { .name = "full_name", .label = "Nama lengkap dengan gelar", .values = { typed("full_name") }, .required = true },
                { .name = "nip", .label = "NIP", .values = { typed("nip") }, .help = "18 digit; kosongkan bila bukan ASN." },
                { .name = "pangkat", .label = "Pangkat/golongan", .values = { typed("pangkat") } },
                { .name = "roles", .label = "Peran", .kind = FieldKind::Checks,
                    .values = outcome.form == "tambah" && outcome.typed ? outcome.typed->all("roles") : std::vector<std::string> {},
                    .options = roles, .required = true, .marker = true },
            },
            messages);
    }

    void add_role_form(TemplateDictionary& admin, WebContext& context, AdminOutcome const& outcome, std::vector<desk::OfficeMember> const& members,
        Id self)
    {
        auto messages = messages_of(admin, outcome, "peran", "ROLE_ERROR", "ROLE_CLASS");
        auto typed = [&](char const* name) { return outcome.form == "peran" && outcome.typed ? outcome.typed->get(name) : std::string(); };
        std::vector<FormOption> users, roles;
        for (auto const& member : members)
            if (member.user.id != self && member.user.active)
                users.push_back({ std::to_string(member.user.id), member.user.full_name + " (" + member.user.username + ")" });
        for (auto const& [id, title] : context.administration->assignable_roles())
            roles.push_back({ id, title });
        place_fields(admin, "ROLE_FIELDS", "pr-",
            {
                { .name = "user", .label = "Pengguna", .kind = FieldKind::Select, .values = { typed("user") }, .options = users, .required = true },
                { .name = "role", .label = "Peran", .kind = FieldKind::Select, .values = { typed("role") }, .options = roles, .required = true },
                { .name = "acting", .label = "Sifat penugasan", .kind = FieldKind::Select, .values = { typed("acting") },
                    .options = { { "tetap", "Tetap (pemegang jabatan)" }, { "plt", "Plt. (pelaksana tugas)" }, { "plh", "Plh. (pelaksana harian)" } },
                    .help = "Kosong berarti tetap." },
                date_field("valid_from", "Mulai (Plt./Plh.)", typed("valid_from"), false),
                date_field("valid_until", "Sampai (Plt./Plh.)", typed("valid_until"), false),
                { .name = "surat_perintah", .label = "Nomor Surat Perintah Bupati (Plt./Plh.)", .values = { typed("surat_perintah") },
                    .help = "Misalnya 800/123/BKPSDM/2026." },
            },
            messages);
    }

    void add_settings_form(TemplateDictionary& admin, Office const& office, AdminOutcome const& outcome)
    {
        auto messages = messages_of(admin, outcome, "pengaturan", "SETTINGS_ERROR", "SETTINGS_CLASS");
        bool const retyped = outcome.form == "pengaturan" && outcome.typed;
        auto value = [&](char const* name, std::string const& stored) { return retyped ? outcome.typed->get(name) : stored; };
        place_fields(admin, "SETTINGS_FIELDS", "pk-",
            {
                { .name = "public_url", .label = "Alamat publik layanan", .values = { value("public_url", office.public_url) },
                    .help = "Dicetak pada surat dan kode QR-nya, misalnya https://layanan.tapinkab.go.id. Harus dapat dibuka warga dari luar kantor." },
                { .name = "whatsapp", .label = "Nomor WhatsApp Disdukcapil", .input_type = "tel", .values = { value("whatsapp", office.disdukcapil_whatsapp) } },
                { .name = "letter_pattern", .label = "Pola nomor surat", .values = { value("letter_pattern", office.letter_number_pattern) }, .required = true },
                { .name = "registration_pattern", .label = "Pola nomor register", .values = { value("registration_pattern", office.registration_number_pattern) },
                    .required = true },
                { .name = "paper", .label = "Ukuran kertas", .kind = FieldKind::Select,
                    .values = { value("paper", office.paper_size == PaperSize::F4 ? "F4" : "A4") }, .options = { { "A4", "A4" }, { "F4", "F4 (Folio)" } },
                    .required = true },
                { .name = "min_age", .label = "Umur minimal wajib KTP", .kind = FieldKind::Select,
                    .values = { value("min_age", std::to_string(office.min_recording_age)) },
                    .options = { { "17", "17 tahun (UU 24/2013)" }, { "16", "16 tahun" } }, .required = true },
            },
            messages);
    }

    Response admin_page(WebContext& context, Views const& views, Session const& session, int status, AdminOutcome const& outcome,
        std::string const& notice = {})
    {
        PageFrame const frame = frame_of(context, session, "Administrasi kantor");
        auto& administration = *context.administration;
        TemplateDictionary body("admin");
        body.SetValue("OFFICE", session.staff.office.name);
        if (!notice.empty())
            body.SetValueAndShowSection("MESSAGE", notice, "NOTICE");
        if (outcome.form.empty() && outcome.error)
            body.SetValueAndShowSection("MESSAGE", outcome.error->message, "PAGE_ERROR");
        if (outcome.code) {
            auto* code = body.AddSectionDictionary("CODE");
            code->SetValue("USERNAME", outcome.code->username);
            code->SetValue("CODE_TEXT", outcome.code->code);
            if (outcome.code->waits_for_confirmation)
                code->AddSectionDictionary("WAITS")->SetValue("USERNAME", outcome.code->username);
        }
        add_waiting(body, context, session);
        if (administration.may_administer(session.staff)) {
            auto members = administration.members(session.staff);
            if (!members.ok())
                return views.message(http_status(members.error()), frame, "Administrasi kantor", members.error().message);
            auto* admin = body.AddSectionDictionary("ADMIN");
            admin->SetValue("CSRF", session.principal.csrf_token);
            add_users(*admin, context, session, *members);
            add_member_form(*admin, context, outcome);
            add_role_form(*admin, context, outcome, *members, session.staff.user.id);
            add_settings_form(*admin, session.staff.office, outcome);
        }
        return views.page(status, frame, "admin.tpl", body);
    }

    // The admin's page, or for someone who may only confirm resets theirs.
    Response show_admin(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        return with_session(context, pages.views, request, [&](Session const& session) {
            auto& administration = *context.administration;
            if (!administration.may_administer(session.staff)) {
                if (administration.may_confirm_resets(session.staff))
                    return Response::redirect("/admin/konfirmasi");
                return pages.views.message(403, frame_of(context, session, "Administrasi kantor"), "Administrasi kantor",
                    "Administrasi kantor hanya untuk pemegang peran admin kantor.");
            }
            return admin_page(context, pages.views, session, 200, {}, notice_of(request.query.get("pesan")));
        });
    }

    Response show_confirmations(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        return with_session(context, pages.views, request, [&](Session const& session) {
            auto& administration = *context.administration;
            if (!administration.may_confirm_resets(session.staff) && !administration.may_administer(session.staff))
                return pages.views.message(403, frame_of(context, session, "Konfirmasi reset sandi"), "Konfirmasi reset sandi",
                    "Reset kata sandi penanda tangan dikonfirmasi oleh Camat atau pengawas kabupaten.");
            PageFrame const frame = frame_of(context, session, "Konfirmasi reset sandi");
            TemplateDictionary body("admin");
            body.SetValue("OFFICE", session.staff.office.name);
            if (auto notice = notice_of(request.query.get("pesan")); !notice.empty())
                body.SetValueAndShowSection("MESSAGE", notice, "NOTICE");
            add_waiting(body, context, session);
            return pages.views.page(200, frame, "admin.tpl", body);
        });
    }

    // A POST of the administration: the CSRF token checked, then `act`;
    // its error shown on the page with what was typed.
    template<typename Act>
    Response admin_post(StaffPages& pages, Request& request, std::string const& form, Act&& act)
    {
        auto& context = pages.context;
        return with_session(context, pages.views, request, [&](Session const& session) {
            if (!Auth::csrf_ok(request, session.principal))
                return csrf_refused(pages.views, frame_of(context, session, "Administrasi kantor"));
            return act(session, [&](Error const& error) {
                AdminOutcome outcome { .form = error.kind == ErrorKind::Invalid ? form : std::string(), .typed = &request.form(), .error = &error };
                if (!context.administration->may_administer(session.staff))
                    return pages.views.message(http_status(error), frame_of(context, session, "Administrasi kantor"), "Administrasi kantor", error.message);
                return admin_page(context, pages.views, session, http_status(error), outcome);
            });
        });
    }

    Response add_member(StaffPages& pages, Request& request)
    {
        return admin_post(pages, request, "tambah", [&](Session const& session, auto&& failed) {
            auto const& form = request.form();
            std::vector<std::string> roles;
            for (auto const& role : form.all("roles"))
                if (!role.empty())
                    roles.push_back(role);
            auto issued = pages.context.administration->add_member(session.staff,
                { .username = form.get("username"), .full_name = form.get("full_name"), .nip = form.get("nip"), .pangkat_golongan = form.get("pangkat"),
                    .roles = roles });
            if (!issued.ok())
                return failed(issued.error());
            return admin_page(pages.context, pages.views, session, 201, { .code = *issued }, "Pengguna " + issued->username + " ditambahkan.");
        });
    }

    Response reset_password(StaffPages& pages, Request& request)
    {
        return admin_post(pages, request, "", [&](Session const& session, auto&& failed) {
            auto issued = pages.context.administration->reset_password(session.staff, request.id_param("id"));
            if (!issued.ok())
                return failed(issued.error());
            return admin_page(pages.context, pages.views, session, 200, { .code = *issued },
                issued->waits_for_confirmation ? "Reset kata sandi " + issued->username + " menunggu konfirmasi." : "Kata sandi " + issued->username + " direset.");
        });
    }

    Response set_active(StaffPages& pages, Request& request, bool active)
    {
        return admin_post(pages, request, "", [&](Session const& session, auto&& failed) {
            auto done = pages.context.administration->set_active(session.staff, request.id_param("id"), active);
            if (!done.ok())
                return failed(done.error());
            return Response::redirect(std::string("/admin?pesan=") + (active ? "aktif" : "nonaktif"));
        });
    }

    Response disable_member(StaffPages& pages, Request& request) { return set_active(pages, request, false); }
    Response enable_member(StaffPages& pages, Request& request) { return set_active(pages, request, true); }

    Response assign_role(StaffPages& pages, Request& request)
    {
        return admin_post(pages, request, "peran", [&](Session const& session, auto&& failed) {
            auto const& form = request.form();
            std::string const acting = form.get("acting");
            Id const user_id = std::atoll(form.get("user").c_str());
            if (user_id <= 0 || form.get("role").empty()) {
                Error error = Error::invalid(user_id <= 0 ? "user" : "role", user_id <= 0 ? "Pilih penggunanya." : "Pilih perannya.", "admin.assignment");
                return failed(error);
            }
            auto date = [&](char const* name) { return parse_typed_date(form.get(name)); };
            auto done = pages.context.administration->assign_role(session.staff,
                { .user_id = user_id, .role = form.get("role"), .acting = acting == "plt" ? Acting::Plt : acting == "plh" ? Acting::Plh : Acting::None,
                    .valid_from = date("valid_from"), .valid_until = date("valid_until"), .surat_perintah = form.get("surat_perintah") });
            if (!done.ok())
                return failed(done.error());
            return Response::redirect("/admin?pesan=peran#pengguna");
        });
    }

    Response end_role(StaffPages& pages, Request& request)
    {
        return admin_post(pages, request, "", [&](Session const& session, auto&& failed) {
            auto done = pages.context.administration->end_assignment(session.staff, request.id_param("id"));
            if (!done.ok())
                return failed(done.error());
            return Response::redirect("/admin?pesan=cabut#pengguna");
        });
    }

    Response confirm_reset(StaffPages& pages, Request& request)
    {
        return admin_post(pages, request, "", [&](Session const& session, auto&& failed) {
            auto done = pages.context.administration->confirm_reset(session.staff, request.id_param("id"));
            if (!done.ok())
                return failed(done.error());
            bool const admin = pages.context.administration->may_administer(session.staff);
            return Response::redirect(admin ? "/admin?pesan=konfirmasi" : "/admin/konfirmasi?pesan=konfirmasi");
        });
    }

    Response update_settings(StaffPages& pages, Request& request)
    {
        return admin_post(pages, request, "pengaturan", [&](Session const& session, auto&& failed) {
            auto const& form = request.form();
            auto done = pages.context.administration->update_settings(session.staff,
                { .whatsapp = form.get("whatsapp"), .letter_number_pattern = form.get("letter_pattern"),
                    .registration_number_pattern = form.get("registration_pattern"), .paper = form.get("paper"),
                    .public_url = form.get("public_url"), .min_recording_age = form.get("min_age") });
            if (!done.ok())
                return failed(done.error());
            return Response::redirect("/admin?pesan=pengaturan#pengaturan-kantor");
        });
    }

    // The logo comes as multipart/form-data, whose CSRF token is a part too.
    Response upload_logo(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        return with_session(context, pages.views, request, [&](Session const& session) {
            auto token = multipart_part(request, "csrf");
            if (session.principal.via_api_token || !token || !same_secret(*token, session.principal.csrf_token))
                return csrf_refused(pages.views, frame_of(context, session, "Administrasi kantor"));
            auto done = context.administration->set_logo(session.staff, multipart_part(request, "logo").value_or(std::string()));
            if (!done.ok())
                return admin_page(context, pages.views, session, http_status(done.error()), { .error = &done.error() });
            return Response::redirect("/admin?pesan=logo#pengaturan-kantor");
        });
    }

    RouteEntry<StaffPages> const k_admin_pages[] = {
        { "GET", "/admin", show_admin },
        { "GET", "/admin/konfirmasi", show_confirmations },
        { "POST", "/admin/pengguna", add_member },
        { "POST", "/admin/pengguna/{id}/reset-sandi", reset_password },
        { "POST", "/admin/pengguna/{id}/nonaktifkan", disable_member },
        { "POST", "/admin/pengguna/{id}/aktifkan", enable_member },
        { "POST", "/admin/peran", assign_role },
        { "POST", "/admin/peran/{id}/cabut", end_role },
        { "POST", "/admin/reset/{id}/konfirmasi", confirm_reset },
        { "POST", "/admin/pengaturan", update_settings },
        { "POST", "/admin/logo", upload_logo },
    };

}

void add_admin_pages(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<StaffPages>(context), k_admin_pages);
}

}
