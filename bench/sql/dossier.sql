-- Raw-SQL twin of the dossier overview: the case with its joins, the household's members,
-- phase results, open deviations, the latest contact moment and the plan.
\set c random(:cmin, :cmax)
SELECT c.*, h.street, h.house_number, h.safety_warning, a.name, r.given_names, r.surname, t.name, u.first_name
  FROM cases_case c
  JOIN residents_household h ON h.id = c.household_id
  LEFT JOIN accounts_area a ON a.id = h.area_id
  JOIN residents_resident r ON r.id = c.primary_resident_id
  JOIN accounts_team t ON t.id = c.team_id
  LEFT JOIN accounts_user u ON u.id = c.contact_person_id
 WHERE c.id = :c;
SELECT r.* FROM residents_resident r JOIN cases_case c ON c.household_id = r.household_id WHERE c.id = :c
 ORDER BY r.birth_date, r.given_names;
SELECT key FROM cases_caseresult WHERE case_id = :c;
SELECT * FROM cases_deviation WHERE case_id = :c AND resolved_at IS NULL ORDER BY created_at;
SELECT id, occurred_at FROM cases_contactmoment WHERE case_id = :c ORDER BY occurred_at DESC LIMIT 1;
SELECT id, next_evaluation_on FROM plans_supportplan WHERE case_id = :c;
