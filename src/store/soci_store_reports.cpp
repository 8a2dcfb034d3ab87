// The SOCI store's reading for the service report: the cases a
// period's report needs, with their action logs (Store::case_histories).
//
// A report reads the cases alive at some time in the period: submitted
// before its end and not finished before its start. Over a B-tree that is
// an interval query, and a naive one reads every case finished since the
// period began, years of them for an old month. It is split instead, so
// that each part is one short index range (0009):
//
//   * cases submitted in the period or the week before it and moving on or
//     after its start, by submission time (cases_office_created);
//   * cases that lived longer than a week, a partial index of their own
//     (cases_office_long_lived): returned files resubmitted weeks later;
//   * cases still open that have not moved since the period began
//     (cases_office_state), those idle long enough without their actions
//     (core/report's idle_before()).
//
// Their actions are read by time, the period's moves being neighbours in
// the table (case_actions_office_at), and by case for the moves before the
// period of the cases submitted before it. Actions stamped at or after the
// period's end are not read: the report stops at its end. (A server whose
// clock ran behind another's across the period's end could stamp a later
// move earlier; the report then counts it.)
#include "store/soci_store.hpp"

#include "store/soci_support.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <unordered_map>

namespace sopir::store {

namespace {

    // Rows are fetched in batches into vectors: row-at-a-time fetching cost
    // more than the report itself at a month of a busy office.
    constexpr std::size_t k_batch = 2000;
    // The partial index cases_office_long_lived (0009) holds the cases whose
    // last move came more than this after their submission; its predicate is
    // written the same way in the query, so that the planners see it.
    constexpr char const* k_long_lived_predicate = "updated_at - created_at >= 604800";
    constexpr Timestamp k_long_lived_seconds = 604800;
    // Cases whose earlier moves are read by case, so many per query.
    constexpr std::size_t k_ids_per_query = 500;

    class HistoryReader {
    public:
        HistoryReader(soci::session& sql, Id office_id, Timestamp idle_before)
            : m_sql(sql)
            , m_office_id(office_id)
            , m_idle_before(idle_before)
        {
        }

        // The cases `where` names (after office_id = :office), each once.
        template <typename Bind>
        void read_cases(std::string const& where, Bind bind)
        {
            std::vector<long long> ids(k_batch), created(k_batch), updated(k_batch);
            std::vector<std::string> services(k_batch), states(k_batch);
            soci::statement statement(m_sql);
            statement.alloc();
            statement.prepare("SELECT id, service_id, state, created_at, updated_at FROM cases WHERE office_id = :office AND " + where);
            statement.exchange(soci::into(ids));
            statement.exchange(soci::into(services));
            statement.exchange(soci::into(states));
            statement.exchange(soci::into(created));
            statement.exchange(soci::into(updated));
            statement.exchange(soci::use(m_office_id));
            bind(statement);
            statement.define_and_bind();
            statement.execute(false);
            while (statement.fetch()) {
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    if (m_position.contains(ids[i]))
                        continue;
                    // Only an open case not moved since the period began can
                    // be this old; the caller's parts say which are open.
                    bool const idle = updated[i] < m_idle_before;
                    if (!idle)
                        m_position[ids[i]] = m_histories.size();
                    m_histories.push_back({ Case { .id = ids[i], .office_id = m_office_id, .service_id = std::move(services[i]),
                                                .state = std::move(states[i]), .created_at = created[i], .updated_at = updated[i] },
                        {}, idle });
                }
                ids.resize(k_batch), services.resize(k_batch), states.resize(k_batch), created.resize(k_batch), updated.resize(k_batch);
            }
        }

        // The actions `where` names, given to the cases read (not idle).
        template <typename Bind>
        void read_actions(std::string const& where, Bind bind)
        {
            std::vector<long long> case_ids(k_batch), sequence(k_batch), actors(k_batch), ats(k_batch);
            std::vector<soci::indicator> actor_set(k_batch);
            std::vector<std::string> from_states(k_batch), actions(k_batch), to_states(k_batch), reasons(k_batch);
            soci::statement statement(m_sql);
            statement.alloc();
            statement.prepare("SELECT case_id, case_seq, from_state, action, to_state, actor_id, at, reasons FROM case_actions WHERE " + where);
            statement.exchange(soci::into(case_ids));
            statement.exchange(soci::into(sequence));
            statement.exchange(soci::into(from_states));
            statement.exchange(soci::into(actions));
            statement.exchange(soci::into(to_states));
            statement.exchange(soci::into(actors, actor_set));
            statement.exchange(soci::into(ats));
            statement.exchange(soci::into(reasons));
            bind(statement);
            statement.define_and_bind();
            statement.execute(false);
            while (statement.fetch()) {
                for (std::size_t i = 0; i < case_ids.size(); ++i) {
                    auto found = m_position.find(case_ids[i]);
                    if (found == m_position.end())
                        continue;
                    ActionRecord record { .case_id = case_ids[i], .office_id = m_office_id, .case_seq = sequence[i],
                        .from_state = std::move(from_states[i]), .action = std::move(actions[i]), .to_state = std::move(to_states[i]),
                        .actor_id = actor_set[i] == soci::i_ok ? actors[i] : 0, .at = ats[i] };
                    if (reasons[i] != "[]")
                        record.reasons = reasons_from_json(reasons[i]);
                    m_histories[found->second].actions.push_back(std::move(record));
                }
                for (auto* column : { &from_states, &actions, &to_states, &reasons })
                    column->resize(k_batch);
                case_ids.resize(k_batch), sequence.resize(k_batch), actors.resize(k_batch), ats.resize(k_batch), actor_set.resize(k_batch);
            }
        }

        // The cases read with an action log, submitted before `instant`.
        std::vector<Id> logged_before(Timestamp instant) const
        {
            std::vector<Id> out;
            for (auto const& history : m_histories)
                if (!history.idle && history.item.created_at < instant)
                    out.push_back(history.item.id);
            return out;
        }

        // The histories, every log in its case's order.
        std::vector<CaseHistory> take()
        {
            for (auto& history : m_histories)
                std::sort(history.actions.begin(), history.actions.end(),
                    [](ActionRecord const& a, ActionRecord const& b) { return a.case_seq < b.case_seq; });
            return std::move(m_histories);
        }

    private:
        soci::session& m_sql;
        Id m_office_id;
        Timestamp m_idle_before;
        std::vector<CaseHistory> m_histories;
        std::unordered_map<Id, std::size_t> m_position; // The cases with a log.
    };

}

Result<std::vector<CaseHistory>> SociStore::case_histories(Id office_id, Timestamp from, Timestamp to, std::vector<std::string> const& open_states,
    Timestamp idle_before)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<CaseHistory>> {
        idle_before = std::min(idle_before, from);
        HistoryReader reader(sql, office_id, idle_before);
        Timestamp const week_before = from - k_long_lived_seconds;
        // Moving on or after `from`, submitted before `to`: the short-lived
        // by submission (the unary plus keeps the planners on it), the
        // long-lived by their own index.
        reader.read_cases("created_at >= :earliest AND created_at < :to AND +updated_at >= :from", [&](soci::statement& statement) {
            statement.exchange(soci::use(week_before));
            statement.exchange(soci::use(to));
            statement.exchange(soci::use(from));
        });
        reader.read_cases(std::string("updated_at >= :from AND ") + k_long_lived_predicate + " AND +created_at < :to",
            [&](soci::statement& statement) {
                statement.exchange(soci::use(from));
                statement.exchange(soci::use(to));
            });
        // Still open, not moved since `from`: idle unless moved since idle_before.
        if (!open_states.empty()) {
            std::string in;
            for (std::size_t i = 0; i < open_states.size(); ++i)
                in += (i ? ", :s" : ":s") + std::to_string(i);
            reader.read_cases("state IN (" + in + ") AND updated_at < :from AND +created_at < :to", [&](soci::statement& statement) {
                for (auto const& state : open_states)
                    statement.exchange(soci::use(state));
                statement.exchange(soci::use(from));
                statement.exchange(soci::use(to));
            });
        }

        // The period's moves, by time.
        reader.read_actions("office_id = :office AND at >= :from AND at < :to", [&](soci::statement& statement) {
            statement.exchange(soci::use(office_id));
            statement.exchange(soci::use(from));
            statement.exchange(soci::use(to));
        });
        // The moves before it of the cases submitted before it, by case. The
        // ids are the database's own integers, written into the query.
        std::vector<Id> const earlier = reader.logged_before(from);
        for (std::size_t first = 0; first < earlier.size(); first += k_ids_per_query) {
            std::string ids;
            for (std::size_t i = first; i < std::min(earlier.size(), first + k_ids_per_query); ++i)
                ids += (i == first ? "" : ",") + std::to_string(earlier[i]);
            reader.read_actions("case_id IN (" + ids + ") AND at < :from", [&](soci::statement& statement) { statement.exchange(soci::use(from)); });
        }
        return reader.take();
    });
}

}
