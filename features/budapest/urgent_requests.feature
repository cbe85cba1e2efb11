@budapest @art_25 @art_27
Feature: Urgent requests and the Article 27.9.e declaration
  Absent an MLA treaty between them (Article 27.1), in urgent cases judicial authorities may
  send requests directly to their counterparts with a copy to the central authority (27.9.a),
  any such request may go through Interpol (27.9.b), and requests involving no coercive action
  may go directly between competent authorities (27.9.d). A Party may declare that all such
  requests must be addressed to its central authority (27.9.e). Peru made that declaration.
  Where an MLA treaty is in force, Article 27 does not apply and the treaty's channel is used.

  Background:
    Given the date is 2025-03-01
    And the offence is computer-related fraud

  Rule: Peru's 27.9.e declaration closes the direct channels into Peru for urgent requests absent a treaty

    Scenario: Spain sends Peru an urgent request, no MLA treaty between them
      Given a request from Spain to Peru
      And the measure is urgent mutual legal assistance
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the central authority is open under Article 27.2.a of the Budapest Convention
      And the direct judicial channel is closed under Article 27.9.e of the Budapest Convention
      And Interpol is closed under Article 27.9.e of the Budapest Convention
      And the direct competent-authority channel is closed under Article 27.9.e of the Budapest Convention
      And the open channels are exactly: central authority
      And the answer sets the condition expedited means under Article 25.3 of the Budapest Convention

    Scenario: In the other direction Spain made no such declaration
      Given a request from Peru to Spain
      And the measure is urgent mutual legal assistance
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the direct judicial channel is open under Article 27.9.a of the Budapest Convention
      And Interpol is open under Article 27.9.b of the Budapest Convention
      And the direct competent-authority channel is open under Article 27.9.d of the Budapest Convention
      And the open channels are exactly: central authority, direct judicial channel, Interpol, direct competent-authority channel
      And the answer sets the condition copy to central authority under Article 27.9.a of the Budapest Convention
      And the answer sets the condition non coercive only under Article 27.9.d of the Budapest Convention

    Scenario: An urgent request for stored data is closed the same way
      Given a request from Spain to Peru
      And the measure is access to stored data
      And the request is urgent
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the open channels are exactly: central authority

    Scenario: An emergency counts as urgent
      Given a request from Peru to Spain
      And the measure is access to stored data
      And the request is an emergency
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the direct judicial channel is open

    Scenario: A request that is not urgent has no 27.9 channels
      Given a request from Peru to Spain
      And the measure is access to stored data
      And the request is not urgent
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the open channels are exactly: central authority

    Scenario: With an MLA treaty in force, Article 27 does not apply
      Given a request from Spain to Peru
      And the measure is urgent mutual legal assistance
      And there is an MLA treaty between them
      Then the Budapest Convention applies
      And the open channels are exactly: channel of the applicable treaty
      And the direct judicial channel is closed
      And the refusal grounds are exactly: grounds of the applicable treaty or domestic law under Article 25.4 of the Budapest Convention

    Scenario: A hypothetical MLA treaty between Spain and Peru has the same effect
      Given that Spain and Peru have an MLA treaty in force from 1990-01-01
      And a request from Spain to Peru
      And the measure is urgent mutual legal assistance
      Then the Budapest Convention applies
      And the open channels are exactly: treaty channel

    Scenario: If Spain declared under Article 27.9.e, Peru's urgent requests would go to Spain's central authority
      Given that Spain makes a declaration under Article 27.9.e of the Budapest Convention
      And a request from Peru to Spain
      And the measure is urgent mutual legal assistance
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the open channels are exactly: central authority
      And the direct judicial channel is closed under Article 27.9.e of the Budapest Convention

  Rule: The declaration matters only where a State made it

    Scenario Outline: Spain sends <State> an urgent request, no MLA treaty
      Given a request from Spain to <State>
      And the measure is urgent mutual legal assistance
      And there is no MLA treaty between them
      Then the Budapest Convention applies
      And the direct judicial channel is <direct>
      And Interpol is <direct>
      And the central authority is open

      Examples: States that declared under Article 27.9.e
        | State         | direct |
        | Peru          | closed |
        | Japan         | closed |
        | Canada        | closed |
        | Hungary       | closed |
        | United States | closed |
        | Lithuania     | closed |

      Examples: States that did not
        | State     | direct |
        | Chile     | open   |
        | France    | open   |
        | Germany   | open   |
        | Argentina | open   |
        | Colombia  | open   |
        | Portugal  | open   |
