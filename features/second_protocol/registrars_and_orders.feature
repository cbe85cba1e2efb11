@second_protocol @requires_second_protocol @art_6 @art_8 @art_16
Feature: Requests to registrars and giving effect to another Party's order (Second Protocol, Articles 6 and 8)
  Article 6 lets an authority ask an entity providing domain name registration services in
  another Party directly for the information that identifies or contacts a registrant (6.1); it
  is a request, not an order, and the entity's Party only has to permit disclosure (6.2).
  Article 8 lets a Party submit its own production order for subscriber information and traffic
  data to another Party, which compels the provider in its territory (8.1); the requested Party
  may refuse on the grounds of Convention Articles 25.4 and 27.4 (8.8), serves the provider
  within 45 days and orders production within 20 days for subscriber information and 45 days
  for traffic data (8.6). A Party may reserve the right not to apply Article 8 to traffic data
  (8.13). The Protocol is open only to Parties to the Convention and is not in force today.

  Background:
    Given a request from Peru to Spain
    And the offence is computer-related fraud
    And there is no MLA treaty between them

  Rule: With the data on record the Protocol is not in force, for any of its measures

    Scenario Outline: Peru asks Spain for <measure> in 2026
      Given the date is 2026-06-01
      And the measure is <measure>
      And the request is an emergency
      Then the Second Protocol does not apply because not in force under Article 16.3 of the Second Protocol
      And the answer is marked confidence verify

      Examples:
        | measure                                           |
        | domain name registration information              |
        | direct order to a provider for subscriber information |
        | giving effect to a production order               |
        | emergency disclosure through the 24/7 network     |
        | emergency mutual assistance                       |
        | video conference                                  |
        | joint investigation                               |

  Rule: Article 6 goes straight to the registrar, whatever MLA treaty binds the pair

    Scenario Outline: Peru asks a registrar in Spain for registration information (MLA treaty: <treaty>)
      Given the scenario "peru_and_spain_ratify_second_protocol"
      And the date is 2027-06-01
      And the measure is domain name registration information
      And <treaty>
      Then the Second Protocol applies under Article 6.1 of the Second Protocol
      And the open channels are exactly: directly to the registrar
      And dual criminality is not applicable
      And the refusal grounds are exactly: data protection
      And data protection is a refusal ground under Article 14.15 of the Second Protocol
      And the request must state the domain name under Article 6.3.b of the Second Protocol
      And the request must state time frame and manner of disclosure under Article 6.3.d of the Second Protocol
      And the answer sets the condition electronic form under Article 6.4 of the Second Protocol
      And the answer sets the condition not binding under Article 6.2 of the Second Protocol
      And the answer cites Article 5.2 of the Second Protocol

      Examples:
        | treaty                                        |
        | there is no MLA treaty between them           |
        | there is an MLA treaty between them           |

  Rule: Article 8 runs from authority to authority, on the grounds of Convention Articles 25.4 and 27.4

    Scenario: Spain gives effect to a Peruvian production order
      Given the scenario "peru_and_spain_ratify_second_protocol"
      And the date is 2027-06-01
      And the measure is giving effect to a production order
      And the request seeks subscriber information and traffic data
      Then the Second Protocol applies under Article 8.1 of the Second Protocol
      And the open channels are exactly: direct competent-authority channel
      And dual criminality may be required under Article 5.6 of the Second Protocol
      And the refusal grounds are exactly: political offence, essential interests, grounds of the applicable treaty or domestic law, data protection
      And political offence is a refusal ground from the treaty itself under Article 27.4.a of the Convention on Cybercrime
      And essential interests is a refusal ground under Article 8.8 of the Second Protocol
      And postponement for an ongoing investigation is a ground for postponement under Article 27.5 of the Convention on Cybercrime
      And fiscal offence only is a prohibited ground
      And the time limit is at most 45 days under Article 8.6.a of the Second Protocol
      And the time limit is at most 20 days under Article 8.6.a.i of the Second Protocol
      And the time limit is at most 45 days under Article 8.6.a.ii of the Second Protocol
      And the request must state the offence under Article 8.3.a.iv of the Second Protocol
      And the request must state the name and address of the service provider under Article 8.3.a.iii of the Second Protocol
      And the answer is marked confidence verify

    Scenario: Spain's reservation under Article 8.13 keeps traffic data out of Article 8
      Given the scenario "peru_and_spain_ratify_second_protocol"
      And that Spain makes a reservation under Article 8.13 of the Second Protocol
      And the date is 2027-06-01
      And the measure is giving effect to a production order
      And the request seeks traffic data
      Then the Second Protocol does not apply under Article 8.13 of the Second Protocol

    Scenario: The same reservation leaves subscriber information under Article 8
      Given the scenario "peru_and_spain_ratify_second_protocol"
      And that Spain makes a reservation under Article 8.13 of the Second Protocol
      And the date is 2027-06-01
      And the measure is giving effect to a production order
      And the request seeks subscriber information
      Then the Second Protocol applies under Article 8.1 of the Second Protocol
      And the time limit is at most 20 days under Article 8.6.a.i of the Second Protocol
