#pragma once
// Every SQL statement the SOCI store runs, named and kept together (STYLE.md,
// practice 8). The text works on SQLite and PostgreSQL alike.

namespace sopir::store::queries {

inline constexpr char const* k_insert_office =
    "INSERT INTO offices (code, name, regency, province, address, postal_code, phone, email, place_name, "
    "letter_number_pattern, registration_number_pattern, klasifikasi, unit_code, paper_size, "
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at) "
    "VALUES (:code, :name, :regency, :province, :address, :postal_code, :phone, :email, :place_name, "
    ":letter_pattern, :registration_pattern, :klasifikasi, :unit_code, :paper_size, :whatsapp, :min_age, "
    ":utc_offset, :created_at) RETURNING id";

inline constexpr char const* k_select_office_by_code =
    "SELECT id, code, name, regency, province, address, postal_code, phone, email, place_name, "
    "letter_number_pattern, registration_number_pattern, klasifikasi, unit_code, paper_size, "
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at, logo_sha256, public_url FROM offices WHERE code = :code";

inline constexpr char const* k_select_office_by_id =
    "SELECT id, code, name, regency, province, address, postal_code, phone, email, place_name, "
    "letter_number_pattern, registration_number_pattern, klasifikasi, unit_code, paper_size, "
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at, logo_sha256, public_url FROM offices WHERE id = :id";

inline constexpr char const* k_select_offices =
    "SELECT id, code, name, regency, province, address, postal_code, phone, email, place_name, "
    "letter_number_pattern, registration_number_pattern, klasifikasi, unit_code, paper_size, "
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at, logo_sha256, public_url FROM offices ORDER BY code";

inline constexpr char const* k_insert_audit_head =
    "INSERT INTO audit_heads (office_id, seq, hash) VALUES (:office_id, 0, :hash)";

inline constexpr char const* k_insert_user =
    "INSERT INTO users (username, full_name, nip, pangkat_golongan, password_hash, active, created_at, must_change_password) "
    "VALUES (:username, :full_name, :nip, :pangkat, :hash, :active, :created_at, :must_change) RETURNING id";

inline constexpr char const* k_select_user_by_username =
    "SELECT id, username, full_name, nip, pangkat_golongan, password_hash, active, created_at, must_change_password "
    "FROM users WHERE username = :username";

inline constexpr char const* k_select_user_by_id =
    "SELECT id, username, full_name, nip, pangkat_golongan, password_hash, active, created_at, must_change_password "
    "FROM users WHERE id = :id";

inline constexpr char const* k_count_users = "SELECT COUNT(*) FROM users";

inline constexpr char const* k_insert_role_assignment =
    "INSERT INTO role_assignments (user_id, office_id, role, acting, valid_from, valid_until, created_at, surat_perintah) "
    "VALUES (:user_id, :office_id, :role, :acting, :valid_from, :valid_until, :created_at, :surat_perintah)";

inline constexpr char const* k_select_role_assignments =
    "SELECT id, user_id, office_id, role, acting, valid_from, valid_until, surat_perintah "
    "FROM role_assignments WHERE user_id = :user_id AND ended_at IS NULL ORDER BY office_id, role";

inline constexpr char const* k_insert_supervision =
    "INSERT INTO supervisions (user_id, regency_code, created_at) VALUES (:user_id, :regency_code, :created_at)";

inline constexpr char const* k_select_supervisions =
    "SELECT regency_code FROM supervisions WHERE user_id = :user_id ORDER BY regency_code";

inline constexpr char const* k_select_actions_by_case =
    "SELECT id, case_id, office_id, case_seq, office_seq, from_state, action, to_state, actor_id, at, note, "
    "reasons, data, case_hash, office_hash, mac FROM case_actions ORDER BY case_id, case_seq";

inline constexpr char const* k_select_actions_by_office =
    "SELECT id, case_id, office_id, case_seq, office_seq, from_state, action, to_state, actor_id, at, note, "
    "reasons, data, case_hash, office_hash, mac FROM case_actions ORDER BY office_id, office_seq";

inline constexpr char const* k_select_audit_heads = "SELECT office_id, seq, hash FROM audit_heads ORDER BY office_id";
inline constexpr char const* k_select_audit_head = "SELECT seq, hash FROM audit_heads WHERE office_id = :office_id";

inline constexpr char const* k_insert_case =
    "INSERT INTO cases (office_id, service_id, state, version, applicant_name, nik, birth_date, village_code, "
    "applicant, documents, form, created_by, created_at, updated_at, sop_version) "
    "VALUES (:office_id, :service_id, :state, 1, :name, :nik, :birth_date, :village, :applicant, :documents, :form, "
    ":created_by, :created_at, :updated_at, :sop_version) RETURNING id";

inline constexpr char const* k_select_case =
    "SELECT id, office_id, service_id, state, version, registration_number, letter_number, applicant_name, nik, "
    "birth_date, village_code, applicant, documents, form, created_by, created_at, updated_at, sop_version FROM cases WHERE id = :id";

// The guard against a stale writer: the update only happens when the
// version is still the one the engine checked against.
inline constexpr char const* k_update_case_state =
    "UPDATE cases SET state = :state, version = version + 1, updated_at = :now WHERE id = :id AND version = :version";

inline constexpr char const* k_set_registration_number = "UPDATE cases SET registration_number = :number WHERE id = :id";
inline constexpr char const* k_set_letter_number = "UPDATE cases SET letter_number = :number WHERE id = :id";

inline constexpr char const* k_select_case_history =
    "SELECT action, from_state, to_state, actor_id, at, case_hash FROM case_actions WHERE case_id = :case_id ORDER BY case_seq";

inline constexpr char const* k_select_case_actions =
    "SELECT id, case_id, office_id, case_seq, office_seq, from_state, action, to_state, actor_id, at, note, "
    "reasons, data, case_hash, office_hash FROM case_actions WHERE case_id = :case_id ORDER BY case_seq";

// Taking the office chain's head locks it (PostgreSQL row lock; SQLite holds
// the database write lock already): one successor per row.
inline constexpr char const* k_advance_audit_head =
    "UPDATE audit_heads SET seq = seq + 1 WHERE office_id = :office_id RETURNING seq, hash";
inline constexpr char const* k_set_audit_head_hash = "UPDATE audit_heads SET hash = :hash WHERE office_id = :office_id";
// The first row with a MAC marks where the chain's keyed part starts (0012).
inline constexpr char const* k_set_audit_head_keyed =
    "UPDATE audit_heads SET hash = :hash, keyed_from = COALESCE(keyed_from, :seq) WHERE office_id = :office_id";

inline constexpr char const* k_insert_action =
    "INSERT INTO case_actions (case_id, office_id, case_seq, office_seq, from_state, action, to_state, actor_id, at, "
    "note, reasons, data, case_hash, office_hash, mac) VALUES (:case_id, :office_id, :case_seq, :office_seq, :from_state, "
    ":action, :to_state, :actor_id, :at, :note, :reasons, :data, :case_hash, :office_hash, :mac) RETURNING id";

// Gapless numbering: the row is made once per office, register and year, and
// its increment is part of the action's transaction.
inline constexpr char const* k_ensure_sequence =
    "INSERT INTO sequences (office_id, register, year, last_value) VALUES (:office_id, :register, :year, 0) "
    "ON CONFLICT (office_id, register, year) DO NOTHING";
inline constexpr char const* k_next_in_sequence =
    "UPDATE sequences SET last_value = last_value + 1 WHERE office_id = :office_id AND register = :register "
    "AND year = :year RETURNING last_value";
// The entry keeps its case's folded name for the register search (0009).
inline constexpr char const* k_insert_register_entry =
    "INSERT INTO register_entries (office_id, register, year, number, formatted, case_id, taken_at, name_folded) "
    "VALUES (:office_id, :register, :year, :number, :formatted, :case_id, :taken_at, "
    "(SELECT lower(applicant_name) FROM cases WHERE id = :name_of_case))";
// The number a case already has in a register: a case that passes a
// numbering action again (after going back to an earlier step) keeps it.
inline constexpr char const* k_select_case_register_number =
    "SELECT formatted FROM register_entries WHERE register = :register AND case_id = :case_id";
inline constexpr char const* k_select_register_entries =
    "SELECT office_id, register, year, number, formatted, case_id, taken_at FROM register_entries "
    "WHERE office_id = :office_id AND register = :register AND year = :year ORDER BY number";

inline constexpr char const* k_insert_access =
    "INSERT INTO access_log (user_id, case_id, at, purpose, address) VALUES (:user_id, :case_id, :at, :purpose, :address)";

// Reads of many rows at once, and the status check's PIN (0011).
inline constexpr char const* k_insert_bulk_access =
    "INSERT INTO bulk_access_log (user_id, office_id, at, what, row_count, address) VALUES (:user_id, :office_id, :at, :what, :rows, :address)";
inline constexpr char const* k_set_status_pin = "UPDATE cases SET status_pin_hash = :hash, status_pin_failures = 0 WHERE id = :id";
inline constexpr char const* k_select_status_pin = "SELECT status_pin_hash, status_pin_failures FROM cases WHERE id = :id";
inline constexpr char const* k_count_status_pin_failure = "UPDATE cases SET status_pin_failures = status_pin_failures + 1 WHERE id = :id";

// Idempotency-Key (0011).
inline constexpr char const* k_expire_idempotency_keys = "DELETE FROM idempotency_keys WHERE created_at < :before";
inline constexpr char const* k_select_idempotency_key =
    "SELECT fingerprint, status, location, body, created_at FROM idempotency_keys WHERE user_id = :user_id AND idem_key = :key";
inline constexpr char const* k_insert_idempotency_key =
    "INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, created_at) VALUES (:user_id, :key, :fingerprint, :at)";
inline constexpr char const* k_finish_idempotency_key =
    "UPDATE idempotency_keys SET status = :status, location = :location, body = :body WHERE user_id = :user_id AND idem_key = :key";
inline constexpr char const* k_release_idempotency_key = "DELETE FROM idempotency_keys WHERE user_id = :user_id AND idem_key = :key AND status = 0";

inline constexpr char const* k_update_case_data =
    "UPDATE cases SET applicant_name = :name, nik = :nik, birth_date = :birth_date, village_code = :village, "
    "applicant = :applicant, documents = :documents, form = :form WHERE id = :id";
// After k_update_case_data: the case's register entries follow its name (0009).
inline constexpr char const* k_update_register_names =
    "UPDATE register_entries SET name_folded = (SELECT lower(applicant_name) FROM cases WHERE id = :id) WHERE case_id = :case_id";

inline constexpr char const* k_case_columns_from =
    "SELECT id, office_id, service_id, state, version, registration_number, letter_number, applicant_name, nik, "
    "birth_date, village_code, applicant, documents, form, created_by, created_at, updated_at, sop_version FROM cases ";

inline constexpr char const* k_select_cases_by_registration = "WHERE registration_number = :number ORDER BY id";
inline constexpr char const* k_select_cases_by_nik = "WHERE nik = :nik ORDER BY id";
inline constexpr char const* k_count_cases_by_state = "SELECT state, COUNT(*) FROM cases GROUP BY state ORDER BY state";

inline constexpr char const* k_insert_session =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address) "
    "VALUES (:hash, :user_id, :csrf, :created_at, :last_seen_at, :expires_at, :address)";
inline constexpr char const* k_select_session =
    "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address FROM sessions WHERE token_hash = :hash";
inline constexpr char const* k_touch_session = "UPDATE sessions SET last_seen_at = :now, expires_at = :expires WHERE token_hash = :hash";
inline constexpr char const* k_delete_session = "DELETE FROM sessions WHERE token_hash = :hash";
inline constexpr char const* k_delete_expired_sessions = "DELETE FROM sessions WHERE expires_at < :now";

inline constexpr char const* k_insert_api_token =
    "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (:user_id, :name, :hash, :created_at, :expires_at) RETURNING id";
inline constexpr char const* k_select_api_token =
    "SELECT id, user_id, name, token_hash, created_at, expires_at, revoked_at FROM api_tokens WHERE token_hash = :hash";

inline constexpr char const* k_insert_login_attempt =
    "INSERT INTO login_attempts (username, address, credential, success, at) VALUES (:username, :address, :credential, :success, :at)";
// Sign-in failures of one person from one address since the later of
// `since` and that pair's last success (a credential of '' is a sign-in).
inline constexpr char const* k_failed_logins_by_user_at_address =
    "SELECT COUNT(*) FROM login_attempts WHERE username = :u AND address = :a AND credential = '' AND success = 0 AND at >= :since "
    "AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE username = :u2 AND address = :a2 AND credential = '' AND success = 1), -1)";
// Sign-in failures from one address, whoever they named: no success resets
// them, so that a guesser cannot clear the count with an account of their own.
inline constexpr char const* k_failed_logins_by_address =
    "SELECT COUNT(*) FROM login_attempts WHERE address = :a AND credential = '' AND success = 0 AND at >= :since";
// Passwords typed again through one session or token (to sign), since the
// later of `since` and the last right one.
inline constexpr char const* k_failed_logins_by_credential =
    "SELECT COUNT(*) FROM login_attempts WHERE credential = :c AND success = 0 AND at >= :since AND at > "
    "COALESCE((SELECT MAX(at) FROM login_attempts WHERE credential = :c2 AND success = 1), -1)";
inline constexpr char const* k_count_sign_ins_from =
    "SELECT COUNT(*) FROM login_attempts WHERE username = :u AND address = :a AND credential = '' AND success = 1 AND at >= :since";
// A password the person chose: a reset's one-time code no longer stands.
inline constexpr char const* k_set_password_hash = "UPDATE users SET password_hash = :hash, must_change_password = 0 WHERE id = :id";

// Revocation: one sign-in, or every other one of a person.
inline constexpr char const* k_sign_out_session = "DELETE FROM sessions WHERE token_hash = :hash AND user_id = :user_id";
inline constexpr char const* k_revoke_api_token =
    "UPDATE api_tokens SET revoked_at = :now WHERE token_hash = :hash AND user_id = :user_id AND revoked_at IS NULL";
inline constexpr char const* k_delete_other_sessions = "DELETE FROM sessions WHERE user_id = :user_id AND token_hash <> :keep";
inline constexpr char const* k_revoke_other_api_tokens =
    "UPDATE api_tokens SET revoked_at = :now WHERE user_id = :user_id AND revoked_at IS NULL AND token_hash <> :keep";
inline constexpr char const* k_insert_revocation =
    "INSERT INTO revocations (user_id, reason, sessions, tokens, address, at) VALUES (:user_id, :reason, :sessions, :tokens, :address, :at)";
inline constexpr char const* k_select_revocations =
    "SELECT user_id, reason, sessions, tokens, address, at FROM revocations WHERE user_id = :user_id ORDER BY id";

inline constexpr char const* k_select_register_lines =
    "SELECT r.office_id, r.register, r.year, r.number, r.formatted, r.case_id, r.taken_at, c.applicant_name, c.nik, c.village_code "
    "FROM register_entries r JOIN cases c ON c.id = r.case_id "
    "WHERE r.office_id = :office_id AND r.register = :register AND r.taken_at >= :from AND r.taken_at < :to "
    "ORDER BY r.year, r.number";

inline constexpr char const* k_insert_logo =
    "INSERT INTO logos (sha256, png, created_at) VALUES (:sha256, :png, :created_at) ON CONFLICT (sha256) DO NOTHING";
inline constexpr char const* k_set_office_logo = "UPDATE offices SET logo_sha256 = :sha256 WHERE id = :id";
inline constexpr char const* k_select_logo = "SELECT png FROM logos WHERE sha256 = :sha256";

// The outage log (0006_outages.sql).
#define SOPIR_OUTAGE_COLUMNS "id, office_id, kind, note, started_at, ended_at, recorded_by, ended_by"
inline constexpr char const* k_count_open_outages =
    "SELECT COUNT(*) FROM outages WHERE office_id = :office_id AND kind = :kind AND ended_at IS NULL";
inline constexpr char const* k_insert_outage =
    "INSERT INTO outages (office_id, kind, note, started_at, recorded_by, created_at) "
    "VALUES (:office_id, :kind, :note, :started_at, :recorded_by, :created_at) RETURNING id";
inline constexpr char const* k_select_outage =
    "SELECT " SOPIR_OUTAGE_COLUMNS " FROM outages WHERE id = :id AND office_id = :office_id";
inline constexpr char const* k_end_outage =
    "UPDATE outages SET ended_at = :ended_at, ended_by = :ended_by WHERE id = :id AND office_id = :office_id AND ended_at IS NULL";
inline constexpr char const* k_select_outages =
    "SELECT " SOPIR_OUTAGE_COLUMNS " FROM outages WHERE office_id = :office_id AND started_at < :to "
    "AND (ended_at IS NULL OR ended_at > :from) ORDER BY started_at, id";
#undef SOPIR_OUTAGE_COLUMNS

// Working time (0016_working_time_and_outage_holds.sql).
inline constexpr char const* k_select_office_working_hours = "SELECT hours FROM office_working_hours WHERE office_id = :office_id";
inline constexpr char const* k_delete_office_working_hours = "DELETE FROM office_working_hours WHERE office_id = :office_id";
inline constexpr char const* k_insert_office_working_hours =
    "INSERT INTO office_working_hours (office_id, hours, updated_at) VALUES (:office_id, :hours, :updated_at)";
inline constexpr char const* k_select_office_holidays = "SELECT day, kind, name FROM office_holidays WHERE office_id = :office_id ORDER BY day";
inline constexpr char const* k_count_office_holiday = "SELECT COUNT(*) FROM office_holidays WHERE office_id = :office_id AND day = :day";
inline constexpr char const* k_insert_office_holiday =
    "INSERT INTO office_holidays (office_id, day, kind, name, created_at) VALUES (:office_id, :day, :kind, :name, :created_at)";
inline constexpr char const* k_delete_office_holiday = "DELETE FROM office_holidays WHERE office_id = :office_id AND day = :day";

// Cases held for an outage in one go (0016).
inline constexpr char const* k_insert_outage_hold =
    "INSERT INTO outage_holds (hold_action_id, outage_id, case_id) VALUES (:hold_action_id, :outage_id, :case_id)";
inline constexpr char const* k_set_outage_resume =
    "UPDATE outage_holds SET resume_action_id = :resume_action_id WHERE outage_id = :outage_id AND case_id = :case_id "
    "AND resume_action_id IS NULL";
// The cases an outage held that are still held by it: their last action is
// that hold.
inline constexpr char const* k_select_outage_held_cases =
    "SELECT h.case_id FROM outage_holds h WHERE h.outage_id = :outage_id AND h.resume_action_id IS NULL "
    "AND h.hold_action_id = (SELECT MAX(a.id) FROM case_actions a WHERE a.case_id = h.case_id) ORDER BY h.case_id";
inline constexpr char const* k_count_outage_holds =
    "SELECT COUNT(*), COUNT(resume_action_id) FROM outage_holds WHERE outage_id = :outage_id";

// Letters (0003_letters.sql).
#define SOPIR_LETTER_COLUMNS \
    "id, case_id, kind, number, content, content_sha256, signatures, verification_token, pdf, pdf_sha256, " \
    "archive_pdf, archive_pdf_sha256, signed_by, signed_at, sealed_at, revoked_at, revoked_reason, created_at, updated_at"

inline constexpr char const* k_select_letter_of_case =
    "SELECT " SOPIR_LETTER_COLUMNS " FROM letters WHERE case_id = :case_id AND kind = :kind";
inline constexpr char const* k_select_letter_by_token =
    "SELECT " SOPIR_LETTER_COLUMNS " FROM letters WHERE verification_token = :token";
inline constexpr char const* k_select_letter_by_pdf_sha256 =
    "SELECT " SOPIR_LETTER_COLUMNS " FROM letters WHERE pdf_sha256 = :sha OR archive_pdf_sha256 = :sha2";
#undef SOPIR_LETTER_COLUMNS

inline constexpr char const* k_insert_letter =
    "INSERT INTO letters (case_id, kind, number, content, content_sha256, signatures, verification_token, pdf, pdf_sha256, "
    "archive_pdf, archive_pdf_sha256, signed_by, signed_at, sealed_at, created_at, updated_at) "
    "VALUES (:case_id, :kind, :number, :content, :content_sha256, :signatures, :token, :pdf, :pdf_sha256, :archive_pdf, "
    ":archive_pdf_sha256, :signed_by, :signed_at, :sealed_at, :created_at, :updated_at) RETURNING id";

// A sealed letter is frozen: the guard keeps it so even against a writer
// that read it before it was sealed.
inline constexpr char const* k_update_unsealed_letter =
    "UPDATE letters SET number = :number, content = :content, content_sha256 = :content_sha256, signatures = :signatures, "
    "pdf = :pdf, pdf_sha256 = :pdf_sha256, archive_pdf = :archive_pdf, archive_pdf_sha256 = :archive_pdf_sha256, "
    "signed_by = :signed_by, signed_at = :signed_at, sealed_at = :sealed_at, updated_at = :updated_at "
    "WHERE id = :id AND sealed_at IS NULL";

inline constexpr char const* k_revoke_letter =
    "UPDATE letters SET revoked_at = :now, revoked_reason = :reason, updated_at = :now2 "
    "WHERE id = :id AND revoked_at IS NULL AND sealed_at IS NOT NULL";

inline constexpr char const* k_insert_letter_verification =
    "INSERT INTO letter_verifications (letter_id, method, outcome, address, at) VALUES (:letter_id, :method, :outcome, :address, :at)";

inline constexpr char const* k_select_active_signer_key =
    "SELECT id, user_id, public_key, sealed_secret, salt, nonce, created_at, retired_at FROM signer_keys "
    "WHERE user_id = :user_id AND retired_at IS NULL";
inline constexpr char const* k_select_signer_key_by_public_key =
    "SELECT id, user_id, public_key, sealed_secret, salt, nonce, created_at, retired_at FROM signer_keys "
    "WHERE public_key = :public_key";
// Locks the signer's row (PostgreSQL only; SQLite holds the database write
// lock already), so that two first signatures at once take turns: the second
// retires the first's key instead of colliding with it on signer_keys_active.
inline constexpr char const* k_lock_signer = "SELECT id FROM users WHERE id = :user_id FOR NO KEY UPDATE";
inline constexpr char const* k_retire_signer_keys =
    "UPDATE signer_keys SET retired_at = :now WHERE user_id = :user_id AND retired_at IS NULL";
inline constexpr char const* k_insert_signer_key =
    "INSERT INTO signer_keys (user_id, public_key, sealed_secret, salt, nonce, created_at) "
    "VALUES (:user_id, :public_key, :sealed_secret, :salt, :nonce, :created_at) RETURNING id";

inline constexpr char const* k_reseal_signer_key =
    "UPDATE signer_keys SET sealed_secret = :sealed_secret, salt = :salt, nonce = :nonce WHERE id = :id AND retired_at IS NULL";

inline constexpr char const* k_select_active_office_seal =
    "SELECT public_key FROM office_seals WHERE office_id = :office_id AND retired_at IS NULL";
// Another server may record the office's seal between our look and our
// insert: its row wins and the caller reads the key in use again. The
// conflict names no target on purpose: the row collides on two unique
// indexes (one active seal per office, and public_key UNIQUE), and with a
// target PostgreSQL would take only the first as the arbiter, so a second
// server inserting the same key at once got a unique violation from the
// other index instead of doing nothing.
inline constexpr char const* k_insert_office_seal =
    "INSERT INTO office_seals (office_id, public_key, created_at) VALUES (:office_id, :public_key, :created_at) "
    "ON CONFLICT DO NOTHING";
inline constexpr char const* k_count_office_seal =
    "SELECT COUNT(*) FROM office_seals WHERE office_id = :office_id AND public_key = :public_key";

// The security chain and the exported heads (0012_audit_keys.sql).
inline constexpr char const* k_advance_security_head = "UPDATE security_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash";
inline constexpr char const* k_set_security_head = "UPDATE security_head SET hash = :hash WHERE id = 1";
inline constexpr char const* k_set_security_head_keyed =
    "UPDATE security_head SET hash = :hash, keyed_from = COALESCE(keyed_from, :seq) WHERE id = 1";
inline constexpr char const* k_insert_security_event =
    "INSERT INTO security_events (seq, kind, actor_id, office_id, subject, data, at, hash, mac) "
    "VALUES (:seq, :kind, :actor_id, :office_id, :subject, :data, :at, :hash, :mac) RETURNING id";
inline constexpr char const* k_select_security_events =
    "SELECT id, seq, kind, actor_id, office_id, subject, data, at, hash, mac FROM security_events ORDER BY seq";
inline constexpr char const* k_select_security_head = "SELECT seq, hash, keyed_from FROM security_head WHERE id = 1";
inline constexpr char const* k_select_security_event_at_seq = "SELECT id, at FROM security_events WHERE seq = :seq";
inline constexpr char const* k_select_office_chain_heads =
    "SELECT h.office_id, o.code, h.seq, h.hash, h.keyed_from FROM audit_heads h JOIN offices o ON o.id = h.office_id ORDER BY h.office_id";
inline constexpr char const* k_select_office_row_at_seq =
    "SELECT id, at FROM case_actions WHERE office_id = :office_id AND office_seq = :seq";
inline constexpr char const* k_count_office_seals = "SELECT COUNT(*) FROM office_seals";

// SOP definition versions and the office's own SOP data (0014).
inline constexpr char const* k_count_sop_version = "SELECT COUNT(*) FROM sop_versions WHERE sha256 = :sha256";
inline constexpr char const* k_insert_sop_version =
    "INSERT INTO sop_versions (sha256, service_id, definition, first_seen) VALUES (:sha256, :service_id, :definition, :first_seen)";
inline constexpr char const* k_adopt_sop_version = "UPDATE cases SET sop_version = :sha256 WHERE service_id = :service_id AND sop_version = ''";
inline constexpr char const* k_select_sop_versions_in_use =
    "SELECT sha256, service_id, definition, first_seen FROM sop_versions "
    "WHERE sha256 IN (SELECT DISTINCT sop_version FROM cases) ORDER BY service_id, first_seen, sha256";
inline constexpr char const* k_select_cases_by_version_and_state =
    "SELECT sop_version, state, COUNT(*) FROM cases WHERE service_id = :service_id GROUP BY sop_version, state ORDER BY sop_version, state";
inline constexpr char const* k_delete_office_sop = "DELETE FROM office_sops WHERE office_id = :office_id AND service_id = :service_id";
inline constexpr char const* k_insert_office_sop =
    "INSERT INTO office_sops (office_id, service_id, number, revised, effective, approved_by, step_minutes, updated_at) "
    "VALUES (:office_id, :service_id, :number, :revised, :effective, :approved_by, :step_minutes, :updated_at)";
inline constexpr char const* k_select_office_sop =
    "SELECT number, revised, effective, approved_by, step_minutes, updated_at FROM office_sops "
    "WHERE office_id = :office_id AND service_id = :service_id";

// Office administration (0015).
inline constexpr char const* k_select_office_users =
    "SELECT id, username, full_name, nip, pangkat_golongan, password_hash, active, created_at, must_change_password "
    "FROM users WHERE id IN (SELECT user_id FROM role_assignments WHERE office_id = :office_id) ORDER BY username";
inline constexpr char const* k_select_office_assignments =
    "SELECT id, user_id, office_id, role, acting, valid_from, valid_until, surat_perintah "
    "FROM role_assignments WHERE office_id = :office_id AND ended_at IS NULL ORDER BY user_id, role, valid_from";
inline constexpr char const* k_select_assignment =
    "SELECT id, user_id, office_id, role, acting, valid_from, valid_until, surat_perintah "
    "FROM role_assignments WHERE id = :id AND ended_at IS NULL";
inline constexpr char const* k_end_role_assignment = "UPDATE role_assignments SET ended_at = :now WHERE id = :id AND ended_at IS NULL";
inline constexpr char const* k_set_user_active = "UPDATE users SET active = :active WHERE id = :id";
inline constexpr char const* k_delete_user_sessions = "DELETE FROM sessions WHERE user_id = :user_id";
inline constexpr char const* k_revoke_user_api_tokens = "UPDATE api_tokens SET revoked_at = :now WHERE user_id = :user_id AND revoked_at IS NULL";
inline constexpr char const* k_set_reset_password =
    "UPDATE users SET password_hash = :hash, must_change_password = 1 WHERE id = :id";
inline constexpr char const* k_update_office_settings =
    "UPDATE offices SET disdukcapil_whatsapp = :whatsapp, letter_number_pattern = :letter_pattern, "
    "registration_number_pattern = :registration_pattern, paper_size = :paper_size, public_url = :public_url, "
    "min_recording_age = :min_age WHERE id = :id";
inline constexpr char const* k_insert_password_reset =
    "INSERT INTO password_resets (user_id, office_id, requested_by, code_hash, needs_confirmation, created_at) "
    "VALUES (:user_id, :office_id, :requested_by, :code_hash, :needs_confirmation, :created_at) RETURNING id";
inline constexpr char const* k_withdraw_password_resets =
    "UPDATE password_resets SET outcome = 'batal', decided_at = :now, decided_by = :by WHERE user_id = :user_id AND outcome = ''";
inline constexpr char const* k_select_password_reset =
    "SELECT id, user_id, office_id, requested_by, code_hash, needs_confirmation, created_at FROM password_resets "
    "WHERE id = :id AND outcome = ''";
inline constexpr char const* k_select_pending_password_resets =
    "SELECT id, user_id, office_id, requested_by, code_hash, needs_confirmation, created_at FROM password_resets "
    "WHERE office_id = :office_id AND outcome = '' ORDER BY id";
inline constexpr char const* k_decide_password_reset =
    "UPDATE password_resets SET outcome = :outcome, decided_by = :by, decided_at = :now WHERE id = :id AND outcome = ''";

// The satisfaction survey (0017_survey.sql).
inline constexpr char const* k_select_survey_token = "SELECT token FROM survey_tokens WHERE case_id = :case_id";
inline constexpr char const* k_insert_survey_token =
    "INSERT INTO survey_tokens (case_id, token, created_at) VALUES (:case_id, :token, :created_at)";
inline constexpr char const* k_select_case_of_survey_token = "SELECT case_id FROM survey_tokens WHERE token = :token";
inline constexpr char const* k_count_survey_case = "SELECT COUNT(*) FROM survey_cases WHERE case_id = :case_id";
inline constexpr char const* k_insert_survey_case = "INSERT INTO survey_cases (case_id) VALUES (:case_id)";
inline constexpr char const* k_insert_survey_response =
    "INSERT INTO survey_responses (office_id, service_id, answered_on, u1, u2, u3, u4, u5, u6, u7, u8, u9, "
    "age_band, sex, education, occupation, comment, channel) VALUES (:office_id, :service_id, :answered_on, "
    ":u1, :u2, :u3, :u4, :u5, :u6, :u7, :u8, :u9, :age_band, :sex, :education, :occupation, :comment, :channel) RETURNING id";
#define SOPIR_SURVEY_SUMS                                                                                                    \
    "SELECT COUNT(*), COUNT(u1), COALESCE(SUM(u1), 0), COUNT(u2), COALESCE(SUM(u2), 0), COUNT(u3), COALESCE(SUM(u3), 0), " \
    "COUNT(u4), COALESCE(SUM(u4), 0), COUNT(u5), COALESCE(SUM(u5), 0), COUNT(u6), COALESCE(SUM(u6), 0), "                \
    "COUNT(u7), COALESCE(SUM(u7), 0), COUNT(u8), COALESCE(SUM(u8), 0), COUNT(u9), COALESCE(SUM(u9), 0) "                 \
    "FROM survey_responses WHERE office_id = :office_id AND answered_on >= :from AND answered_on <= :to"
inline constexpr char const* k_survey_sums = SOPIR_SURVEY_SUMS;
inline constexpr char const* k_survey_sums_of_service = SOPIR_SURVEY_SUMS " AND service_id = :service_id";
#undef SOPIR_SURVEY_SUMS
// Comments in a random order: newest first would let the order of a
// printed list follow the order of handovers.
inline constexpr char const* k_survey_comments =
    "SELECT comment FROM survey_responses WHERE office_id = :office_id AND answered_on >= :from AND answered_on <= :to "
    "AND comment <> '' ORDER BY comment LIMIT :limit";
inline constexpr char const* k_survey_comments_of_service =
    "SELECT comment FROM survey_responses WHERE office_id = :office_id AND answered_on >= :from AND answered_on <= :to "
    "AND comment <> '' AND service_id = :service_id ORDER BY comment LIMIT :limit";
inline constexpr char const* k_count_cases_created =
    "SELECT COUNT(*) FROM cases WHERE office_id = :office_id AND created_at >= :from AND created_at < :to";
inline constexpr char const* k_count_cases_created_of_service =
    "SELECT COUNT(*) FROM cases WHERE office_id = :office_id AND created_at >= :from AND created_at < :to AND service_id = :service_id";

}
