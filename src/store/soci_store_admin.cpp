// The SOCI store's office administration (0015): the office's users and
// roles, acting assignments, office settings and password resets. Every
// change is recorded in the security chain in its own transaction.
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

namespace sopir::store {

namespace {

    struct PasswordResetRow {
        PasswordReset reset;
        int needs_confirmation { 0 };

        void bind(soci::statement& statement)
        {
            statement.exchange(soci::into(reset.id));
            statement.exchange(soci::into(reset.user_id));
            statement.exchange(soci::into(reset.office_id));
            statement.exchange(soci::into(reset.requested_by));
            statement.exchange(soci::into(reset.code_hash));
            statement.exchange(soci::into(needs_confirmation));
            statement.exchange(soci::into(reset.created_at));
        }

        PasswordReset get() const
        {
            PasswordReset result = reset;
            result.needs_confirmation = needs_confirmation != 0;
            return result;
        }
    };

    std::string user_subject(Id user_id) { return "pengguna " + std::to_string(user_id); }

}

Result<std::vector<User>> SociStore::office_users(Id office_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<User>> {
        return select_all<UserRow>(sql, queries::k_select_office_users, office_id);
    });
}

Result<std::vector<RoleAssignment>> SociStore::office_assignments(Id office_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<RoleAssignment>> {
        return select_all<RoleAssignmentRow>(sql, queries::k_select_office_assignments, office_id);
    });
}

Result<RoleAssignment> SociStore::add_role_assignment(RoleAssignment role, Id actor, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<RoleAssignment> {
        WriteTransaction transaction(sql, backend());
        std::string const acting = acting_to_text(role.acting);
        std::string from = role.valid_from ? to_iso(*role.valid_from) : std::string();
        std::string until = role.valid_until ? to_iso(*role.valid_until) : std::string();
        soci::indicator from_indicator = role.valid_from ? soci::i_ok : soci::i_null;
        soci::indicator until_indicator = role.valid_until ? soci::i_ok : soci::i_null;
        sql << queries::k_insert_role_assignment, soci::use(role.user_id), soci::use(role.office_id), soci::use(role.role),
            soci::use(acting), soci::use(from, from_indicator), soci::use(until, until_indicator), soci::use(now),
            soci::use(role.surat_perintah);
        nlohmann::json data { { "role", role.role }, { "acting", acting }, { "valid_from", from }, { "valid_until", until } };
        if (!role.surat_perintah.empty())
            data["surat_perintah"] = role.surat_perintah;
        append_security_event(sql, m_audit_mac_key, { .kind = "peran.beri", .actor_id = actor, .office_id = role.office_id,
            .subject = user_subject(role.user_id), .data_json = data.dump(), .at = now });
        transaction.commit();
        return role;
    });
}

Status SociStore::end_role_assignment(Id assignment_id, Id actor, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        auto found = select_all<RoleAssignmentRow>(sql, queries::k_select_assignment, assignment_id);
        if (found.empty())
            return Error::not_found("Peran ini tidak ada atau sudah dicabut.");
        soci::statement end = (sql.prepare << queries::k_end_role_assignment, soci::use(now), soci::use(assignment_id));
        end.execute(true);
        RoleAssignment const& role = found.front();
        append_security_event(sql, m_audit_mac_key, { .kind = "peran.cabut", .actor_id = actor, .office_id = role.office_id,
            .subject = user_subject(role.user_id),
            .data_json = nlohmann::json { { "role", role.role }, { "acting", acting_to_text(role.acting) }, { "assignment", assignment_id } }.dump(),
            .at = now });
        transaction.commit();
        return Ok {};
    });
}

Status SociStore::set_user_active(Id user_id, bool active, Id office_id, Id actor, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        int const flag = active ? 1 : 0;
        soci::statement update = (sql.prepare << queries::k_set_user_active, soci::use(flag), soci::use(user_id));
        update.execute(true);
        if (update.get_affected_rows() != 1)
            return Error::not_found("Pengguna tidak ada.");
        if (!active) {
            sql << queries::k_delete_user_sessions, soci::use(user_id);
            sql << queries::k_revoke_user_api_tokens, soci::use(now), soci::use(user_id);
        }
        append_security_event(sql, m_audit_mac_key, { .kind = active ? "pengguna.aktifkan" : "pengguna.nonaktifkan", .actor_id = actor,
            .office_id = office_id, .subject = user_subject(user_id), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Status SociStore::update_office_settings(OfficeSettingsChange const& change, Id actor, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::string const paper = change.paper_size == PaperSize::F4 ? "F4" : "A4";
        soci::statement update = (sql.prepare << queries::k_update_office_settings, soci::use(change.disdukcapil_whatsapp),
            soci::use(change.letter_number_pattern), soci::use(change.registration_number_pattern), soci::use(paper),
            soci::use(change.public_url), soci::use(change.min_recording_age), soci::use(change.office_id));
        update.execute(true);
        if (update.get_affected_rows() != 1)
            return Error::not_found("Kantor tidak ada.");
        nlohmann::json const data { { "whatsapp", change.disdukcapil_whatsapp }, { "letter_number_pattern", change.letter_number_pattern },
            { "registration_number_pattern", change.registration_number_pattern }, { "paper_size", paper },
            { "public_url", change.public_url }, { "min_recording_age", change.min_recording_age } };
        append_security_event(sql, m_audit_mac_key, { .kind = "kantor.ubah", .actor_id = actor, .office_id = change.office_id,
            .subject = "kantor " + std::to_string(change.office_id), .data_json = data.dump(), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Result<PasswordReset> SociStore::add_password_reset(PasswordReset reset, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<PasswordReset> {
        WriteTransaction transaction(sql, backend());
        sql << queries::k_withdraw_password_resets, soci::use(now), soci::use(reset.requested_by), soci::use(reset.user_id);
        int const needs = reset.needs_confirmation ? 1 : 0;
        reset.created_at = now;
        sql << queries::k_insert_password_reset, soci::use(reset.user_id), soci::use(reset.office_id), soci::use(reset.requested_by),
            soci::use(reset.code_hash), soci::use(needs), soci::use(reset.created_at), soci::into(reset.id);
        append_security_event(sql, m_audit_mac_key, { .kind = "pengguna.reset_sandi_minta", .actor_id = reset.requested_by,
            .office_id = reset.office_id, .subject = user_subject(reset.user_id),
            .data_json = nlohmann::json { { "reset", reset.id }, { "needs_confirmation", reset.needs_confirmation } }.dump(), .at = now });
        transaction.commit();
        return reset;
    });
}

Result<PasswordReset> SociStore::pending_password_reset(Id reset_id)
{
    return with_session([&](soci::session& sql) {
        return select_one<PasswordResetRow>(sql, "Permintaan reset sandi ini tidak ada atau sudah diputuskan.", queries::k_select_password_reset, reset_id);
    });
}

Result<std::vector<PasswordReset>> SociStore::pending_password_resets(Id office_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<PasswordReset>> {
        return select_all<PasswordResetRow>(sql, queries::k_select_pending_password_resets, office_id);
    });
}

Status SociStore::apply_password_reset(Id reset_id, Id decided_by, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        auto found = select_all<PasswordResetRow>(sql, queries::k_select_password_reset, reset_id);
        if (found.empty())
            return Error::conflict("Permintaan reset sandi ini sudah diputuskan.");
        PasswordReset const& reset = found.front();
        std::string const outcome = "berlaku";
        soci::statement decide = (sql.prepare << queries::k_decide_password_reset, soci::use(outcome), soci::use(decided_by), soci::use(now),
            soci::use(reset_id));
        decide.execute(true);
        if (decide.get_affected_rows() != 1)
            return Error::conflict("Permintaan reset sandi ini sudah diputuskan.");
        sql << queries::k_set_reset_password, soci::use(reset.code_hash), soci::use(reset.user_id);
        // The signing key is sealed under the old password, which nobody
        // now knows: it is retired, and the next signature makes a new one.
        // Letters signed with it still verify (signer_key_by_public_key).
        soci::statement retire = (sql.prepare << queries::k_retire_signer_keys, soci::use(now), soci::use(reset.user_id));
        retire.execute(true);
        bool const key_retired = retire.get_affected_rows() > 0;
        sql << queries::k_delete_user_sessions, soci::use(reset.user_id);
        sql << queries::k_revoke_user_api_tokens, soci::use(now), soci::use(reset.user_id);
        append_security_event(sql, m_audit_mac_key, { .kind = "pengguna.reset_sandi", .actor_id = decided_by, .office_id = reset.office_id,
            .subject = user_subject(reset.user_id),
            .data_json = nlohmann::json { { "reset", reset.id }, { "requested_by", reset.requested_by }, { "signing_key_retired", key_retired } }.dump(),
            .at = now });
        transaction.commit();
        return Ok {};
    });
}

}
