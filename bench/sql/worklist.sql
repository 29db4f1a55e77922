-- Raw-SQL twin of the worklist: a worker's open and waakvlam cases with their joins, and the
-- next plan evaluation and open deviations the worklist providers look up.
\set w random(:wmin, :wmax)
SELECT c.id, c.reference, c.phase, c.opened_at, c.first_contact_due, c.watch_next_checkin, c.direction_hand_back_on,
       h.street, h.house_number, r.given_names, r.surname_prefix, r.surname, t.name, u.first_name
  FROM cases_case c
  JOIN residents_household h ON h.id = c.household_id
  JOIN residents_resident r ON r.id = c.primary_resident_id
  JOIN accounts_team t ON t.id = c.team_id
  LEFT JOIN accounts_user u ON u.id = c.contact_person_id
 WHERE c.contact_person_id = :w AND (c.closed_at IS NULL OR c.phase = 'waakvlam')
 ORDER BY c.opened_at;
SELECT p.case_id, p.next_evaluation_on FROM plans_supportplan p JOIN cases_case c ON c.id = p.case_id
 WHERE c.contact_person_id = :w AND c.closed_at IS NULL AND p.next_evaluation_on IS NOT NULL;
SELECT d.case_id, d.result_key FROM cases_deviation d JOIN cases_case c ON c.id = d.case_id
 WHERE c.contact_person_id = :w AND c.closed_at IS NULL AND d.resolved_at IS NULL;
