@budapest @art_25 @art_27 @art_28 @art_31 @art_33 @art_34
Feature: Mutual assistance under the Budapest Convention (Articles 25, 27, 28, 31, 33 and 34)
  Mutual assistance is subject to the requested Party's law or the applicable MLA treaty,
  including their grounds for refusal, and may be made conditional on dual criminality judged
  on the conduct (25.4, 25.5). For offences of Articles 2-11 a request may not be refused
  solely because the offence is considered fiscal (25.4). Absent an MLA treaty, Article 27 adds
  the political-offence and essential-interests grounds (27.4), postponement (27.5) and the
  duty to inform promptly (27.7); Article 28 lets the requested Party set conditions of use.

  Background:
    Given the date is 2025-03-01
    And a request from Spain to Peru

  Rule: Without an MLA treaty, Article 27 adds its own grounds to those of domestic law

    Scenario: General mutual assistance, no MLA treaty
      Given the measure is mutual legal assistance
      And the offence is electronic evidence of any offence
      And there is no MLA treaty between them
      Then the Budapest Convention applies under Article 25.1 of the Budapest Convention
      And the refusal grounds are exactly: political offence, essential interests, grounds of the applicable treaty or domestic law, conditions not accepted
      And political offence is a refusal ground from the treaty itself under Article 27.4.a of the Budapest Convention
      And essential interests is a refusal ground under Article 27.4.b of the Budapest Convention
      And conditions not accepted is a refusal ground under Article 28.3 of the Budapest Convention
      And the grounds for postponement are exactly: postponement for an ongoing investigation under Article 27.5 of the Budapest Convention
      And the refusal grounds do not form a closed list
      And dual criminality may be required under Article 25.5 of the Budapest Convention
      And the time limit is promptly under Article 27.7 of the Budapest Convention
      And the answer sets the condition consider partial or conditional execution under Article 27.6 of the Budapest Convention
      And the answer sets the condition confidentiality of request under Article 27.8 of the Budapest Convention
      And the answer sets the condition conditions of use under Article 28.2.b of the Budapest Convention
      And the answer sets the condition network facilitation only under Article 35.1.c of the Budapest Convention
      And no fact is missing

    Scenario: General mutual assistance with an MLA treaty in force
      Given the measure is mutual legal assistance
      And the offence is electronic evidence of any offence
      And there is an MLA treaty between them
      Then the Budapest Convention applies
      And the refusal grounds are exactly: grounds of the applicable treaty or domestic law
      And the grounds for postponement are exactly: none
      And political offence is not a refusal ground
      And the channel of the applicable treaty is open under Article 25.4 of the Budapest Convention

    Scenario: When nobody knows whether there is an MLA treaty, the answer says which fact is missing
      Given the measure is mutual legal assistance
      And the offence is electronic evidence of any offence
      And it is unknown whether there is an MLA treaty between them
      Then the Budapest Convention applies
      And the central authority is undetermined
      And the channel of the applicable treaty is undetermined
      And the missing facts include whether an MLA treaty is in force
      And the missing facts include mla_treaty

  Rule: The fiscal character of an offence of Articles 2-11 is no ground for refusal

    Scenario Outline: Access to stored data about <offence>
      Given the measure is access to stored data
      And the offence is <offence>
      And there is no MLA treaty between them
      Then the Budapest Convention applies under Article 31.1 of the Budapest Convention
      And the prohibited grounds are exactly: <prohibited>

      Examples:
        | offence                                           | prohibited           |
        | computer-related fraud                            | fiscal offence only  |
        | illegal access                                    | fiscal offence only  |
        | child sexual abuse material                       | fiscal offence only  |
        | electronic evidence of any offence                |                      |
        | other offence committed by means of a computer system |                  |

    Scenario: Access to stored computer data, no MLA treaty
      Given the measure is access to stored data
      And the offence is computer-related fraud
      And the request seeks subscriber information, traffic data and content data
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And fiscal offence only is a prohibited ground under Article 25.4 of the Budapest Convention
      And postponement for an ongoing investigation is a ground for postponement under Article 27.5 of the Budapest Convention
      And the time limit is expeditiously under Article 31.3.a of the Budapest Convention
      And the answer sets the condition executed under treaty or article 27 under Article 31.2 of the Budapest Convention
      And dual criminality may be required
      And the central authority is open under Article 27.2.b of the Budapest Convention
      And the 24/7 point of contact is closed

  Rule: Real-time collection and interception follow domestic law and the applicable treaties

    Scenario: Real-time collection of traffic data (Article 33)
      Given the measure is real-time collection of traffic data
      And the offence is computer-related fraud
      And there is an MLA treaty between them
      Then the Budapest Convention applies under Article 33.1 of the Budapest Convention
      And grounds of the applicable treaty or domestic law is a refusal ground under Article 33.1 of the Budapest Convention
      And the answer sets the condition minimum duty domestic availability under Article 33.2 of the Budapest Convention
      And dual criminality may be required
      And there is no time limit

    Scenario: Interception of content data (Article 34)
      Given the measure is interception of content data
      And the offence is computer-related fraud
      And there is an MLA treaty between them
      Then the Budapest Convention applies under Article 34 of the Budapest Convention
      And the refusal grounds are exactly: grounds of the applicable treaty or domestic law, discretionary
      And discretionary is a refusal ground under Article 34 of the Budapest Convention
      And there is no time limit

    Scenario Outline: Real-time collection from a State that reserved Article 14.3 (<State>)
      Given a request from Spain to <State>
      And the measure is real-time collection of traffic data
      And the offence is computer-related fraud
      And there is an MLA treaty between them
      Then the Budapest Convention applies
      And the answer sets the condition <condition> under Article <article> of the Budapest Convention

      Examples:
        | State   | condition                             | article |
        | Denmark | reservation 14 3 a narrows duty       | 14.3.a  |
        | Finland | reservation 14 3 a narrows duty       | 14.3.a  |
        | Finland | reservation 14 3 b closed user groups | 14.3.b  |
