#pragma once
// Office administration (the `admin` role): the office's users, their roles
// and Plt./Plh. assignments, password resets with a one-time code, and the
// office's settings. Called alike by the staff's pages and the CLI; every
// change goes into the security chain (store). Who may is checked here:
// an admin of the office, never on their own account; a reset of a signer's
// password waits for a second person (the Camat or the kabupaten
// supervisor).

#include "desk/desk.hpp"
#include "store/store.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sopir::desk {

// The role that administers an office. It is no SOP's role: it moves no
// case, it manages who may.
inline constexpr char const* k_admin_role = "admin";

// One user of the office as the administration page lists them.
struct OfficeMember {
    User user;
    std::vector<RoleAssignment> assignments; // Held now or later (ended ones left out).
    bool signer { false };                   // Signs letters (see Administration::is_signer).
    bool pending_reset { false };            // A reset waits for confirmation.
};

struct NewMember {
    std::string username;
    std::string full_name;
    std::string nip;
    std::string pangkat_golongan;
    std::vector<std::string> roles;
};

struct NewAssignment {
    Id user_id { 0 };
    std::string role;
    Acting acting { Acting::None };
    std::optional<Date> valid_from, valid_until;
    std::string surat_perintah;
};

struct OfficeSettings {
    std::string whatsapp;
    std::string letter_number_pattern;
    std::string registration_number_pattern;
    std::string paper; // "A4" or "F4".
    std::string public_url;
    std::string min_recording_age; // "17" or "16", as typed.
};

// A one-time code handed over in person. It is shown once and stored only
// as a hash; it works once the reset takes effect.
struct IssuedCode {
    std::string username;
    std::string code;
    bool waits_for_confirmation { false };
};

// A reset waiting for the second person.
struct WaitingReset {
    store::PasswordReset reset;
    Office office;
    std::string username;
    std::string user_name;
    std::string requested_by_name;
};

class Administration {
public:
    Administration(store::Store&, Desk const&);

    // An admin of their office today.
    bool may_administer(Staff const&) const;
    // The Camat (a role that signs letters, held today, Plt./Plh. too) or a
    // kabupaten supervisor: who may confirm a signer's password reset.
    bool may_confirm_resets(Staff const&) const;
    // Signs letters: holds (now or later) a role some SOP lets sign.
    bool is_signer(std::vector<RoleAssignment> const&) const;
    // The roles an admin may give: every SOP role and `admin`, with titles.
    std::vector<std::pair<std::string, std::string>> assignable_roles() const;

    Result<std::vector<OfficeMember>> members(Staff const&) const;
    // A new account with its roles; its password is a one-time code to be
    // changed at the first sign-in.
    Result<IssuedCode> add_member(Staff const&, NewMember const&) const;
    Status set_active(Staff const&, Id user_id, bool active) const;
    // A signer's reset waits for confirmation; anyone else's takes effect now.
    Result<IssuedCode> reset_password(Staff const&, Id user_id) const;
    Result<std::vector<WaitingReset>> waiting_resets(Staff const&) const;
    Status confirm_reset(Staff const&, Id reset_id) const;
    Status assign_role(Staff const&, NewAssignment const&) const;
    Status end_assignment(Staff const&, Id assignment_id) const;
    Status update_settings(Staff const&, OfficeSettings const&) const;
    Status set_logo(Staff const&, std::string const& png) const;

private:
    Status check_admin(Staff const&) const;
    // A user of the admin's office who is not the admin.
    Result<User> other_member(Staff const&, Id user_id) const;
    Status check_role(std::string const& role) const;

    store::Store& m_store;
    Desk const& m_desk;
};

// A random one-time code: 12 characters without look-alikes, in groups of
// four ("k7mq-4xtp-9hcw") so that it reads out well.
std::string one_time_code();

}
