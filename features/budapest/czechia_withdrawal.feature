@budapest @art_29 @art_43
Feature: Czechia's Article 29.4 reservation, withdrawn on 5 July 2019
  Czechia reserved Article 29.4 when the Convention entered into force for it (2013-12-01):
  it could refuse preservation, for offences other than those of Articles 2-11, where dual
  criminality would not be met at disclosure. It withdrew the reservation by a declaration
  registered on 2019-07-05; under Article 43.1 a withdrawal takes effect on receipt.

  Background:
    Given a request from Spain to Czechia
    And the measure is expedited preservation
    And the offence is electronic evidence of any offence

  Rule: The 29.4 ground exists until the day before the withdrawal, and not from that day

    Scenario Outline: Spain asks Czechia to preserve data on <date>
      Given the date is <date>
      Then the Budapest Convention <verdict>
      And the refusal grounds are exactly: <grounds>

      Examples:
        | date       | verdict        | grounds                                                                          |
        | 2013-11-30 | does not apply |                                                                                  |
        | 2013-12-01 | applies        | political offence, essential interests, dual criminality unlikely to be met at disclosure |
        | 2019-07-04 | applies        | political offence, essential interests, dual criminality unlikely to be met at disclosure |
        | 2019-07-05 | applies        | political offence, essential interests                                           |
        | 2025-03-01 | applies        | political offence, essential interests                                           |

    Scenario: The day before the withdrawal
      Given the date is 2019-07-04
      Then the Budapest Convention applies
      And dual criminality unlikely to be met at disclosure is a refusal ground from Czechia's reservation under Article 29.4 of the Budapest Convention

    Scenario: The day of the withdrawal
      Given the date is 2019-07-05
      Then the Budapest Convention applies
      And dual criminality unlikely to be met at disclosure is not a refusal ground
      And the refusal grounds form a closed list under Article 29.5 of the Budapest Convention

  Rule: Before Czechia was bound, the Convention did not apply between the two

    Scenario: The day before the entry into force for Czechia
      Given the date is 2013-11-30
      Then the Budapest Convention does not apply because CZ: not yet bound
      And the answer cites Article 36.4 of the Budapest Convention
