#pragma once
// The use cases (src/desk) by the short names the handlers use. The web
// layer translates HTTP to these and back; it holds no use case of its own.

#include "desk/administration.hpp"
#include "desk/desk.hpp"
#include "desk/letter_desk.hpp"
#include "desk/password.hpp"
#include "desk/records.hpp"
#include "desk/survey_desk.hpp"

namespace sopir::web {

using desk::CaseOutcome;
using desk::Administration;
using desk::CaseView;
using desk::Desk;
using desk::HoldableStep;
using desk::LetterDesk;
using desk::LetterSettings;
using desk::LetterVerdict;
using desk::MarkPrint;
using desk::OnDuplicate;
using desk::PublicStatus;
using desk::Records;
using desk::ReportScope;
using desk::ScopeReport;
using desk::ServicesReport;
using desk::SopPrintFormat;
using desk::SurveyDesk;
using desk::Staff;
using desk::Submitted;
using desk::WorkItem;
using desk::check_password_policy;
using desk::hash_password;
using desk::k_surat_keterangan;
using desk::printed_office;
using desk::verify_password;

}
