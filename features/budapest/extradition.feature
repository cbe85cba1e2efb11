@budapest @art_24
Feature: Extradition under Article 24 of the Budapest Convention
  Article 24 applies to extradition for the offences established under Articles 2-11,
  punishable under the laws of both Parties by deprivation of liberty for a maximum of at least
  one year (24.1.a). Dual criminality is therefore required. Extradition is subject to the
  requested Party's law or the applicable extradition treaty, including their grounds for
  refusal (24.5).

  Background:
    Given the date is 2025-03-01
    And the measure is extradition
    And the maximum penalty is 2 years

  Scenario Outline: Spain asks <State> to extradite for <offence>
    Given a request from Spain to <State>
    And the offence is <offence>
    Then the Budapest Convention <verdict>

    Examples: Offences of Articles 2-11
      | State | offence                     | verdict |
      | Peru  | illegal access              | applies |
      | Peru  | computer-related fraud      | applies |
      | Peru  | child sexual abuse material | applies |
      | Chile | system interference         | applies |

    Examples: Other offences are outside Article 24
      | State | offence                                               | verdict        |
      | Peru  | electronic evidence of any offence                    | does not apply |
      | Peru  | laundering of proceeds of crime                       | does not apply |
      | Chile | other offence committed by means of a computer system | does not apply |

  Scenario: What Article 24 says about an extradition request from Peru to Spain
    Given a request from Peru to Spain
    And the offence is computer-related fraud
    And there is an extradition treaty between them
    Then the Budapest Convention applies under Article 24.1.a of the Budapest Convention
    And dual criminality is required under Article 24.1.a of the Budapest Convention
    And grounds of the extradition law or treaty is a refusal ground under Article 24.5 of the Budapest Convention
    And the answer sets the condition aut dedere aut judicare under Article 24.6 of the Budapest Convention
    And the refusal grounds do not form a closed list
    And the channel of the applicable treaty is open under Article 24.5 of the Budapest Convention
    And the central authority is closed

  Scenario: The authority designated under Article 24.7.a is the channel only absent an extradition treaty
    Article 24.7.a: "in the absence of a treaty", requests go to the authority each Party
    designated for extradition. Where the question does not say whether an extradition treaty
    binds Spain and Peru, neither channel can be said to be open.
    Given a request from Spain to Peru
    And the offence is computer-related fraud
    Then the Budapest Convention applies
    And the central authority is undetermined under Article 24.7.a of the Budapest Convention
    And the channel of the applicable treaty is undetermined under Article 24.5 of the Budapest Convention

  Scenario: Absent an extradition treaty, the authorities designated under Article 24.7.a
    Given a request from Spain to Peru
    And the offence is computer-related fraud
    And there is no extradition treaty between them
    Then the Budapest Convention applies
    And the central authority is open under Article 24.7.a of the Budapest Convention

  Scenario: Below the one-year threshold, absent an extradition treaty
    Given a request from Spain to Peru
    And the offence is computer-related fraud
    And the maximum penalty is 6 months
    And there is no extradition treaty between them
    Then the Budapest Convention does not apply because extradition.penalty under Article 24.1.a of the Budapest Convention
