-- The satisfaction survey (Survei Kepuasan Masyarakat, Permenpan RB 14/2017).
-- A case's survey link: the token printed on the receipt's QR code. It
-- opens the survey of this one case, once, without a sign-in.
CREATE TABLE survey_tokens (
    case_id BIGINT PRIMARY KEY REFERENCES cases(id),
    token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- That a case's survey was answered: only to refuse a second one. It holds
-- no answer and no time; the answers are in survey_responses, which holds
-- no case, so no query (and no officer) can tell which case gave which
-- answers.
CREATE TABLE survey_cases (
    case_id BIGINT PRIMARY KEY REFERENCES cases(id)
);

-- The answers: U1..U9 scored 1..4 (NULL when the respondent left the
-- element out), the respondent profile of the regulation's questionnaire,
-- an optional comment; attributed to an office, a service and the office's
-- day, never to a case, an officer or a user.
CREATE TABLE survey_responses (
    id {{id}},
    office_id BIGINT NOT NULL REFERENCES offices(id),
    service_id TEXT NOT NULL,
    answered_on TEXT NOT NULL,
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4),
    u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4),
    u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4),
    u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4),
    u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    age_band TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    occupation TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL
);
CREATE INDEX survey_responses_period ON survey_responses (office_id, answered_on, service_id);
