@un_cybercrime @requires_un_cybercrime @art_35 @art_40 @art_42 @art_65
Feature: UN Convention against Cybercrime: not in force, and the serious-crime threshold
  The UN Convention enters into force on the ninetieth day after the fortieth instrument of
  ratification, acceptance, approval or accession (65.1); signature alone binds no one. Its
  co-operation covers the offences it establishes and the collection of electronic evidence of
  any serious crime (35.1), a serious crime being one punishable by a maximum of at least four
  years' deprivation of liberty (2.h). Mutual assistance may not be refused on the sole ground
  that the offence involves fiscal matters, nor on the ground of bank secrecy. Many paragraph
  numbers of the adopted text could not be checked: every answer under it is marked "verify".
  In the shipped scenario forty signatories ratify and the Convention enters into force on
  30 May 2027.

  Background:
    Given a request from Spain to Peru
    And there is no MLA treaty between them

  Rule: With the data on record the Convention is not in force

    Scenario: Spain and Peru have only signed
      Given the date is 2026-06-01
      And the measure is mutual legal assistance
      And the offence is computer-related fraud
      Then the UN Convention against Cybercrime does not apply because un_cybercrime.parties.both_bound under Article 65.1 of the UN Convention against Cybercrime
      And the answer is marked confidence verify

  Rule: Electronic evidence of an offence outside the Convention needs a serious crime

    Scenario Outline: Electronic evidence of an offence punishable by <penalty> years
      Given the scenario "un_convention_in_force"
      And the date is 2028-06-01
      And the measure is mutual legal assistance
      And the offence is electronic evidence of any offence
      And the maximum penalty is <penalty> years
      Then the UN Convention against Cybercrime <verdict> under Article 35.1 of the UN Convention against Cybercrime

      Examples:
        | penalty | verdict        |
        | 3       | does not apply |
        | 4       | applies        |

    Scenario: Without the maximum penalty the scope cannot be decided
      Given the scenario "un_convention_in_force"
      And the date is 2028-06-01
      And the measure is mutual legal assistance
      And the offence is electronic evidence of any offence
      Then it is undetermined whether the UN Convention against Cybercrime applies
      And the missing facts include max_penalty_years

    Scenario: An offence the Convention establishes needs no threshold
      Given the scenario "un_convention_in_force"
      And the date is 2028-06-01
      And the measure is mutual legal assistance
      And the offence is computer-related fraud
      Then the UN Convention against Cybercrime applies
      And the central authority is open
      And fiscal offence only is a prohibited ground
      And bank secrecy is a prohibited ground
      And essential interests is a refusal ground under Article 40.21.b of the UN Convention against Cybercrime
      And dual criminality may be required
      And the answer is marked confidence verify

  Rule: Expedited preservation: at least 60 days, without dual criminality

    Scenario: Spain asks Peru to preserve data
      Given the scenario "un_convention_in_force"
      And the date is 2028-06-01
      And the measure is expedited preservation
      And the offence is computer-related fraud
      Then the UN Convention against Cybercrime applies under Article 42 of the UN Convention against Cybercrime
      And the time limit is at least 60 days under Article 42 of the UN Convention against Cybercrime
      And dual criminality is never required under Article 42 of the UN Convention against Cybercrime
      And the 24/7 point of contact is open under Article 41.3.b of the UN Convention against Cybercrime
