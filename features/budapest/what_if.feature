@budapest @what_if
Feature: What-if questions about the Budapest Convention
  Hypothetical facts are layered over the real data and follow the treaty's own rules: a
  denunciation takes effect on the first day of the month following three months after its
  receipt (47.2), an accession three months after the deposit (37.2), and a reservation
  withdrawn ceases to apply from the date of the withdrawal (43.1).

  Background:
    Given the measure is expedited preservation
    And the offence is electronic evidence of any offence

  Rule: A denunciation takes effect on the first day of the month following three months after its receipt

    Scenario Outline: Peru denounces the Convention on 2025-01-15 (asked on <date>)
      Given that Peru denounces the Budapest Convention on 2025-01-15
      And the date is <date>
      And a request from Spain to Peru
      Then the Budapest Convention <verdict>

      Examples:
        | date       | verdict        |
        | 2025-04-30 | applies        |
        | 2025-05-01 | does not apply |

    Scenario: After the denunciation, the answer cites Article 47.2
      The Convention ceases to bind Peru because of Article 47.2: the first day of the month
      following three months after the notification.
      Given that Peru denounces the Budapest Convention on 2025-01-15
      And the date is 2025-05-01
      And a request from Spain to Peru
      Then the Budapest Convention does not apply because denunciation notified on 2025-01-15
      And the Budapest Convention does not apply because denunciation notified on 2025-01-15 under Article 47.2 of the Budapest Convention

  Rule: An accession takes effect three months after the deposit

    Scenario: Mexico accedes on 2025-01-10
      Given that Mexico accedes to the Budapest Convention on 2025-01-10
      And the date is 2025-05-01
      And a request from Mexico to Spain
      Then the Budapest Convention applies because derived from the accession deposited on 2025-01-10 under Article 37.2 of the Budapest Convention
      And the answer cites Article 37.2 of the Budapest Convention

  Rule: A withdrawn reservation no longer gives a ground

    Scenario Outline: Peru withdraws its 29.4 reservation on 2026-01-01 (asked on <date>)
      Given that Peru withdraws its reservation under Article 29.4 of the Budapest Convention on 2026-01-01
      And the date is <date>
      And a request from Spain to Peru
      Then the Budapest Convention applies
      And dual criminality unlikely to be met at disclosure <is> a refusal ground

      Examples:
        | date       | is     |
        | 2025-12-31 | is     |
        | 2026-01-01 | is not |

  Rule: What the request must state does not depend on the States

    Scenario: The preservation request between Spain and Peru
      Given the date is 2025-03-01
      And a request from Spain to Peru
      Then the Budapest Convention applies
      And the request must state requesting_authority; offence and facts; data and link to offence under Article 29.2 of the Budapest Convention
      And the request must state the necessity of the preservation under Article 29.2.e of the Budapest Convention
      And the request must state custodian or location under Article 29.2.d of the Budapest Convention
      And the request must state that the Party intends to submit a mutual-assistance request under Article 29.2.f of the Budapest Convention
      And the time limit is at least 60 days under Article 29.7 of the Budapest Convention
      And the time limit is until a decision is taken under Article 29.7 of the Budapest Convention
      And the answer sets the condition coordination with mla authority under Article 35.2.b of the Budapest Convention
