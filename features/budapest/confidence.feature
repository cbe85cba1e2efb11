@budapest @confidence
Feature: Answers that rest on points the sources could not confirm
  Some reservations are on record only from secondary sources: the data mark them "verify".
  An answer that relies on one is marked confidence verify, and says so in its caveats.

  Background:
    Given the date is 2025-03-01
    And the measure is expedited preservation
    And the offence is electronic evidence of any offence

  Scenario Outline: Spain asks <State> to preserve data
    Given a request from Spain to <State>
    Then the Budapest Convention applies
    And dual criminality unlikely to be met at disclosure is a refusal ground from <State>'s reservation under Article 29.4 of the Budapest Convention
    And the answer is <marked> confidence verify

    Examples: Reservations whose text the sources do not show
      | State          | marked     |
      | Norway         | marked     |
      | Slovakia       | marked     |
      | Israel         | marked     |
      | United Kingdom | marked     |

    Examples: Reservations read from the depositary's records
      | State | marked     |
      | Peru  | not marked |
      | Japan | not marked |
