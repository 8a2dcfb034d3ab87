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
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at FROM offices WHERE code = :code";

inline constexpr char const* k_select_office_by_id =
    "SELECT id, code, name, regency, province, address, postal_code, phone, email, place_name, "
    "letter_number_pattern, registration_number_pattern, klasifikasi, unit_code, paper_size, "
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at FROM offices WHERE id = :id";

inline constexpr char const* k_select_offices =
    "SELECT id, code, name, regency, province, address, postal_code, phone, email, place_name, "
    "letter_number_pattern, registration_number_pattern, klasifikasi, unit_code, paper_size, "
    "disdukcapil_whatsapp, min_recording_age, utc_offset_minutes, created_at FROM offices ORDER BY code";

inline constexpr char const* k_insert_audit_head =
    "INSERT INTO audit_heads (office_id, seq, hash) VALUES (:office_id, 0, :hash)";

inline constexpr char const* k_insert_user =
    "INSERT INTO users (username, full_name, nip, pangkat_golongan, password_hash, active, created_at) "
    "VALUES (:username, :full_name, :nip, :pangkat, :hash, :active, :created_at) RETURNING id";

inline constexpr char const* k_select_user_by_username =
    "SELECT id, username, full_name, nip, pangkat_golongan, password_hash, active, created_at "
    "FROM users WHERE username = :username";

inline constexpr char const* k_select_user_by_id =
    "SELECT id, username, full_name, nip, pangkat_golongan, password_hash, active, created_at "
    "FROM users WHERE id = :id";

inline constexpr char const* k_count_users = "SELECT COUNT(*) FROM users";

inline constexpr char const* k_insert_role_assignment =
    "INSERT INTO role_assignments (user_id, office_id, role, acting, valid_from, valid_until, created_at) "
    "VALUES (:user_id, :office_id, :role, :acting, :valid_from, :valid_until, :created_at)";

inline constexpr char const* k_select_role_assignments =
    "SELECT id, user_id, office_id, role, acting, valid_from, valid_until "
    "FROM role_assignments WHERE user_id = :user_id ORDER BY office_id, role";

inline constexpr char const* k_select_actions_by_case =
    "SELECT id, case_id, office_id, case_seq, office_seq, from_state, action, to_state, actor_id, at, note, "
    "reasons, data, case_hash, office_hash FROM case_actions ORDER BY case_id, case_seq";

inline constexpr char const* k_select_actions_by_office =
    "SELECT id, case_id, office_id, case_seq, office_seq, from_state, action, to_state, actor_id, at, note, "
    "reasons, data, case_hash, office_hash FROM case_actions ORDER BY office_id, office_seq";

inline constexpr char const* k_select_audit_heads = "SELECT office_id, seq, hash FROM audit_heads ORDER BY office_id";
inline constexpr char const* k_select_audit_head = "SELECT seq, hash FROM audit_heads WHERE office_id = :office_id";

}
