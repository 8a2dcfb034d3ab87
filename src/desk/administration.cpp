#include "desk/administration.hpp"

#include "core/letter_number.hpp"
#include "core/nip.hpp"
#include "core/public_url.hpp"
#include "core/text.hpp"
#include "desk/password.hpp"

#include <sodium.h>

#include <algorithm>

namespace sopir::desk {

namespace {

    Error refused(std::string message)
    {
        Error error = Error::forbidden(std::move(message));
        error.code = "admin.forbidden";
        return error;
    }

    bool is_png(std::string const& bytes)
    {
        static constexpr std::string_view k_png_signature { "\x89PNG\r\n\x1a\n", 8 };
        return std::string_view(bytes).starts_with(k_png_signature);
    }

}

std::string one_time_code()
{
    static constexpr char k_alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
    if (sodium_init() < 0)
        return {};
    std::string code;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0)
            code += '-';
        code += k_alphabet[randombytes_uniform(sizeof k_alphabet - 1)];
    }
    return code;
}

Administration::Administration(store::Store& store, Desk const& desk)
    : m_store(store)
    , m_desk(desk)
{
}

bool Administration::may_administer(Staff const& staff) const
{
    return staff.office.id != 0 && staff.has_role(k_admin_role);
}

bool Administration::is_signer(std::vector<RoleAssignment> const& assignments) const
{
    for (auto const& definition : m_desk.services())
        for (auto const& step : definition.steps)
            for (auto const& action : step.actions) {
                if (action.letter != LetterStage::Sign)
                    continue;
                auto const& roles = action.roles.empty() ? step.roles : action.roles;
                for (auto const& assignment : assignments)
                    if (std::find(roles.begin(), roles.end(), assignment.role) != roles.end())
                        return true;
            }
    return false;
}

bool Administration::may_confirm_resets(Staff const& staff) const
{
    if (staff.office.id == 0)
        return !staff.supervises.empty();
    std::vector<RoleAssignment> today;
    for (auto const& assignment : staff.assignments)
        if (assignment.office_id == staff.office.id && assignment.holds_on(staff.today))
            today.push_back(assignment);
    return is_signer(today);
}

std::vector<std::pair<std::string, std::string>> Administration::assignable_roles() const
{
    std::vector<std::pair<std::string, std::string>> roles;
    for (auto const& definition : m_desk.services())
        for (auto const& role : definition.roles)
            if (std::none_of(roles.begin(), roles.end(), [&](auto const& known) { return known.first == role.id; }))
                roles.emplace_back(role.id, role.title.empty() ? role.id : role.title);
    roles.emplace_back(k_admin_role, "Admin kantor (pengguna, peran, pengaturan)");
    return roles;
}

Status Administration::check_admin(Staff const& staff) const
{
    if (!may_administer(staff))
        return refused("Administrasi kantor hanya untuk pemegang peran admin kantor ini.");
    return Ok {};
}

Status Administration::check_role(std::string const& role) const
{
    for (auto const& [id, title] : assignable_roles())
        if (id == role)
            return Ok {};
    return Error::invalid("role", "Peran '" + role + "' tidak dikenal.", "admin.role");
}

Result<User> Administration::other_member(Staff const& staff, Id user_id) const
{
    if (auto allowed = check_admin(staff); !allowed.ok())
        return allowed.error();
    if (user_id == staff.user.id)
        return refused("Akun Anda sendiri tidak diubah di sini: sandi Anda diganti di halaman Ganti kata sandi, dan peran Anda diberikan oleh admin lain.");
    auto user = m_store.user_by_id(user_id);
    if (!user.ok())
        return user.error();
    auto assignments = m_store.role_assignments(user_id);
    if (!assignments.ok())
        return assignments.error();
    auto users = m_store.office_users(staff.office.id);
    if (!users.ok())
        return users.error();
    if (std::none_of(users->begin(), users->end(), [&](User const& each) { return each.id == user_id; }))
        return Error::not_found("Pengguna ini bukan pengguna kantor Anda.");
    return user;
}

Result<std::vector<OfficeMember>> Administration::members(Staff const& staff) const
{
    if (auto allowed = check_admin(staff); !allowed.ok())
        return allowed.error();
    auto users = m_store.office_users(staff.office.id);
    if (!users.ok())
        return users.error();
    auto assignments = m_store.office_assignments(staff.office.id);
    if (!assignments.ok())
        return assignments.error();
    auto waiting = m_store.pending_password_resets(staff.office.id);
    if (!waiting.ok())
        return waiting.error();
    std::vector<OfficeMember> out;
    for (auto const& user : *users) {
        OfficeMember member { .user = user };
        for (auto const& assignment : *assignments)
            if (assignment.user_id == user.id && (!assignment.valid_until || *assignment.valid_until >= staff.today))
                member.assignments.push_back(assignment);
        member.signer = is_signer(member.assignments);
        member.pending_reset = std::any_of(waiting->begin(), waiting->end(), [&](auto const& reset) { return reset.user_id == user.id; });
        out.push_back(std::move(member));
    }
    return out;
}

Result<IssuedCode> Administration::add_member(Staff const& staff, NewMember const& member) const
{
    if (auto allowed = check_admin(staff); !allowed.ok())
        return allowed.error();
    std::vector<FieldIssue> issues;
    auto issue = [&](std::string field, std::string message) { issues.push_back({ .field = std::move(field), .code = "admin." + field, .message = std::move(message) }); };
    std::string const username(trim(member.username));
    if (username.empty() || username.find_first_of(" \t") != std::string::npos)
        issue("username", "Nama pengguna wajib diisi, tanpa spasi.");
    std::string const name(trim(member.full_name));
    if (name.empty())
        issue("full_name", "Nama lengkap (dengan gelar) wajib diisi.");
    std::string nip;
    if (!trim(member.nip).empty()) {
        auto parsed = parse_nip(std::string(trim(member.nip)));
        if (parsed.ok())
            nip = parsed->digits;
        else
            issue("nip", parsed.error().message);
    }
    if (member.roles.empty())
        issue("roles", "Pilih sedikitnya satu peran.");
    for (auto const& role : member.roles)
        if (!check_role(role).ok())
            issue("roles", "Peran '" + role + "' tidak dikenal.");
    if (!issues.empty()) {
        Error error = Error::invalid(issues.front().field, issues.front().message, "admin.member");
        error.issues = issues;
        return error;
    }
    std::string const code = one_time_code();
    auto hash = hash_password(code);
    if (!hash.ok())
        return hash.error();
    std::vector<RoleAssignment> roles;
    for (auto const& role : member.roles)
        roles.push_back({ .office_id = staff.office.id, .role = role });
    User user { .username = username, .full_name = name, .nip = nip, .pangkat_golongan = std::string(trim(member.pangkat_golongan)),
        .password_hash = *hash, .must_change_password = true };
    auto added = m_store.add_user(user, roles, m_desk.now(), staff.user.id);
    if (!added.ok()) {
        if (added.error().kind == ErrorKind::Conflict)
            return Error::invalid("username", "Nama pengguna " + username + " sudah dipakai.", "admin.username_taken");
        return added.error();
    }
    return IssuedCode { .username = username, .code = code };
}

Status Administration::set_active(Staff const& staff, Id user_id, bool active) const
{
    auto user = other_member(staff, user_id);
    if (!user.ok())
        return user.error();
    return m_store.set_user_active(user_id, active, staff.office.id, staff.user.id, m_desk.now());
}

Result<IssuedCode> Administration::reset_password(Staff const& staff, Id user_id) const
{
    auto user = other_member(staff, user_id);
    if (!user.ok())
        return user.error();
    auto assignments = m_store.role_assignments(user_id);
    if (!assignments.ok())
        return assignments.error();
    bool signer = is_signer(*assignments);
    if (!signer) {
        auto key = m_store.active_signer_key(user_id);
        signer = key.ok();
    }
    std::string const code = one_time_code();
    auto hash = hash_password(code);
    if (!hash.ok())
        return hash.error();
    Timestamp const now = m_desk.now();
    auto reset = m_store.add_password_reset(
        { .user_id = user_id, .office_id = staff.office.id, .requested_by = staff.user.id, .code_hash = *hash, .needs_confirmation = signer }, now);
    if (!reset.ok())
        return reset.error();
    if (!signer) {
        auto applied = m_store.apply_password_reset(reset->id, staff.user.id, now);
        if (!applied.ok())
            return applied.error();
    }
    return IssuedCode { .username = user->username, .code = code, .waits_for_confirmation = signer };
}

Result<std::vector<WaitingReset>> Administration::waiting_resets(Staff const& staff) const
{
    std::vector<Office> offices;
    if (staff.office.id != 0) {
        if (!may_confirm_resets(staff) && !may_administer(staff))
            return std::vector<WaitingReset> {};
        offices.push_back(staff.office);
    } else if (!staff.supervises.empty()) {
        auto scope = m_desk.report_scope(staff, "");
        if (!scope.ok())
            return scope.error();
        offices = scope->offices;
    }
    std::vector<WaitingReset> out;
    for (auto const& office : offices) {
        auto waiting = m_store.pending_password_resets(office.id);
        if (!waiting.ok())
            return waiting.error();
        for (auto const& reset : *waiting) {
            if (!reset.needs_confirmation)
                continue;
            WaitingReset item { .reset = reset, .office = office };
            if (auto user = m_store.user_by_id(reset.user_id); user.ok()) {
                item.username = user->username;
                item.user_name = user->full_name;
            }
            if (auto by = m_store.user_by_id(reset.requested_by); by.ok())
                item.requested_by_name = by->full_name;
            out.push_back(std::move(item));
        }
    }
    return out;
}

Status Administration::confirm_reset(Staff const& staff, Id reset_id) const
{
    if (!may_confirm_resets(staff))
        return refused("Reset kata sandi penanda tangan dikonfirmasi oleh Camat atau pengawas kabupaten.");
    auto reset = m_store.pending_password_reset(reset_id);
    if (!reset.ok())
        return reset.error();
    if (reset->requested_by == staff.user.id)
        return refused("Reset ini Anda sendiri yang meminta: konfirmasinya harus oleh orang kedua.");
    if (reset->user_id == staff.user.id)
        return refused("Reset kata sandi Anda sendiri dikonfirmasi oleh orang lain.");
    if (staff.office.id != 0 && reset->office_id != staff.office.id)
        return Error::not_found("Permintaan reset sandi ini bukan dari kantor Anda.");
    if (staff.office.id == 0) {
        auto office = m_store.office_by_id(reset->office_id);
        if (!office.ok())
            return office.error();
        if (auto scope = m_desk.report_scope(staff, office->code); !scope.ok())
            return scope.error();
    }
    return m_store.apply_password_reset(reset_id, staff.user.id, m_desk.now());
}

Status Administration::assign_role(Staff const& staff, NewAssignment const& assignment) const
{
    if (auto user = other_member(staff, assignment.user_id); !user.ok())
        return user.error();
    if (auto known = check_role(assignment.role); !known.ok())
        return known;
    RoleAssignment role { .user_id = assignment.user_id, .office_id = staff.office.id, .role = assignment.role, .acting = assignment.acting };
    if (assignment.acting != Acting::None) {
        std::vector<FieldIssue> issues;
        if (!assignment.valid_from)
            issues.push_back({ .field = "valid_from", .code = "admin.period", .message = "Tanggal mulai penugasan wajib diisi sebagai HH-BB-TTTT, misalnya 08-12-2026." });
        if (!assignment.valid_until)
            issues.push_back({ .field = "valid_until", .code = "admin.period", .message = "Tanggal akhir penugasan wajib diisi sebagai HH-BB-TTTT, misalnya 10-12-2026." });
        if (assignment.valid_from && assignment.valid_until && *assignment.valid_until < *assignment.valid_from)
            issues.push_back({ .field = "valid_until", .code = "admin.period", .message = "Tanggal akhir tidak boleh sebelum tanggal mulai." });
        if (trim(assignment.surat_perintah).empty())
            issues.push_back({ .field = "surat_perintah", .code = "admin.surat_perintah",
                .message = "Nomor Surat Perintah Bupati wajib diisi untuk penugasan Plt./Plh." });
        if (!issues.empty()) {
            Error error = Error::invalid(issues.front().field, issues.front().message, "admin.assignment");
            error.issues = issues;
            return error;
        }
        role.valid_from = assignment.valid_from;
        role.valid_until = assignment.valid_until;
        role.surat_perintah = std::string(trim(assignment.surat_perintah));
    }
    auto added = m_store.add_role_assignment(role, staff.user.id, m_desk.now());
    if (!added.ok())
        return added.error();
    return Ok {};
}

Status Administration::end_assignment(Staff const& staff, Id assignment_id) const
{
    if (auto allowed = check_admin(staff); !allowed.ok())
        return allowed;
    auto assignments = m_store.office_assignments(staff.office.id);
    if (!assignments.ok())
        return assignments.error();
    auto found = std::find_if(assignments->begin(), assignments->end(), [&](auto const& each) { return each.id == assignment_id; });
    if (found == assignments->end())
        return Error::not_found("Peran ini tidak ada di kantor Anda atau sudah dicabut.");
    if (found->user_id == staff.user.id)
        return refused("Peran Anda sendiri dicabut oleh admin lain.");
    return m_store.end_role_assignment(assignment_id, staff.user.id, m_desk.now());
}

Status Administration::update_settings(Staff const& staff, OfficeSettings const& settings) const
{
    if (auto allowed = check_admin(staff); !allowed.ok())
        return allowed;
    std::vector<FieldIssue> issues;
    auto issue = [&](std::string field, std::string message) { issues.push_back({ .field = std::move(field), .code = "office." + field, .message = std::move(message) }); };
    std::string whatsapp;
    for (char c : settings.whatsapp)
        if (c != ' ' && c != '-' && c != '+')
            whatsapp += c;
    if (!whatsapp.empty()) {
        if (whatsapp.starts_with("0"))
            whatsapp = "62" + whatsapp.substr(1);
        if (whatsapp.find_first_not_of("0123456789") != std::string::npos || !whatsapp.starts_with("62") || whatsapp.size() < 10 || whatsapp.size() > 15)
            issue("whatsapp", "Nomor WhatsApp harus nomor Indonesia, misalnya 6281234567890 atau 081234567890.");
    }
    for (auto const& [field, pattern] : { std::pair { "letter_pattern", settings.letter_number_pattern },
             std::pair { "registration_pattern", settings.registration_number_pattern } })
        if (auto parsed = LetterNumberPattern::parse(pattern); !parsed.ok())
            issue(field, parsed.error().message);
    if (settings.paper != "A4" && settings.paper != "F4")
        issue("paper", "Ukuran kertas harus A4 atau F4.");
    std::string url(trim(settings.public_url));
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    if (!url.empty() && ((!url.starts_with("http://") && !url.starts_with("https://")) || url_host(url).empty() || url.find_first_of(" \"<>") != std::string::npos))
        issue("public_url", "Alamat publik harus alamat web lengkap, misalnya https://layanan.tapinkab.go.id.");
    // UU 24/2013 Pasal 63 sets 17; many Disdukcapil record from 16.
    if (settings.min_recording_age != "16" && settings.min_recording_age != "17")
        issue("min_age", "Umur minimal wajib KTP harus 17 (UU 24/2013) atau 16.");
    if (!issues.empty()) {
        Error error = Error::invalid(issues.front().field, issues.front().message, "office.settings");
        error.issues = issues;
        return error;
    }
    return m_store.update_office_settings({ .office_id = staff.office.id, .disdukcapil_whatsapp = whatsapp,
                                              .letter_number_pattern = settings.letter_number_pattern,
                                              .registration_number_pattern = settings.registration_number_pattern,
                                              .paper_size = settings.paper == "F4" ? PaperSize::F4 : PaperSize::A4,
                                              .public_url = url,
                                              .min_recording_age = settings.min_recording_age == "16" ? 16 : 17 },
        staff.user.id, m_desk.now());
}

Status Administration::set_logo(Staff const& staff, std::string const& png) const
{
    if (auto allowed = check_admin(staff); !allowed.ok())
        return allowed;
    if (png.empty() || png.size() > 2 * 1024 * 1024 || !is_png(png))
        return Error::invalid("logo", "Logo harus berkas PNG, paling besar 2 MB.", "office.logo");
    return m_store.set_office_logo(staff.office.id, png, m_desk.now(), staff.user.id);
}

}
