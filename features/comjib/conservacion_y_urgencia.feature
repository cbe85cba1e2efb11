# language: es
@comjib @requires_comjib @art_3 @art_9 @art_17
Característica: Convenio COMJIB: motivos de denegación, solicitudes urgentes y entrada en vigor
  El Convenio Iberoamericano (Madrid, 2014) entra en vigor a los treinta días de la tercera
  ratificación, y para cada Estado posterior a los treinta días de su depósito (17.1 y 17.2).
  Sólo se conoce una ratificación (Cuba, sin fecha) y no se conoce la lista completa: con los
  datos registrados no se puede saber si obliga a dos Estados. La solicitud sólo puede
  denegarse por los motivos del artículo 3.2 (lista cerrada, con la doble incriminación en el
  3.2.f); una solicitud abreviada por urgencia enviada a los puntos de contacto debe
  completarse en 48 horas (9.3). Las Partes pueden hacer reservas a cualquier disposición
  (18.1), con reciprocidad (18.3).

  Antecedentes:
    Dada una solicitud de España al Perú
    Y el delito es fraude informático
    Y no hay tratado de asistencia mutua entre ellos

  Regla: Con los datos registrados no se sabe si el Convenio obliga a España y al Perú

    Escenario: España pide asistencia al Perú en 2026
      Dada la fecha es 2026-06-01
      Y la medida es asistencia judicial mutua
      Entonces no se puede determinar si el Convenio COMJIB aplica porque comjib.parties.bound_when_act_began
      Y faltan los datos: party:comjib:ES; party:comjib:PE

  Regla: Si el Perú, España y Portugal ratifican, el Convenio rige entre ellos

    Escenario: Conservación de datos: la lista cerrada del artículo 3.2
      Dado el escenario "comjib_ratified_pe_es_pt"
      Y la fecha es 2027-06-01
      Y la medida es conservación rápida
      Entonces el Convenio COMJIB aplica según el artículo 17.1 del Convenio COMJIB
      Y la autoridad central está abierta según el artículo 8.1 del Convenio COMJIB
      Y los motivos de denegación forman una lista cerrada según el artículo 3.2 del Convenio COMJIB
      Y falta de doble incriminación es motivo de denegación por el propio tratado según el artículo 3.2.f del Convenio COMJIB
      Y perjuicio a una investigación en curso es motivo de denegación según el artículo 3.2.a del Convenio COMJIB
      Y non bis in idem es motivo de denegación según el artículo 3.2.b del Convenio COMJIB
      Y delito político es motivo de denegación según el artículo 3.2.e del Convenio COMJIB
      Y la doble incriminación puede exigirse según el artículo 3.2.f del Convenio COMJIB
      Y la solicitud debe indicar facts según el artículo 9.1.b del Convenio COMJIB
      Y no falta ningún dato

    Escenario: Budapest y COMJIB pueden servir a la misma solicitud, con motivos distintos
      Ningún texto jerarquiza los instrumentos: la respuesta compara y cita la cláusula de
      relación de cada uno (Budapest 39; COMJIB, preámbulo).
      Dado el escenario "comjib_ratified_pe_es_pt"
      Y la fecha es 2027-06-01
      Y la medida es conservación rápida
      Entonces el Convenio de Budapest aplica
      Y los motivos de denegación son exactamente: delito político, intereses esenciales
      Y el Convenio COMJIB aplica
      Y intereses esenciales es motivo de denegación según el artículo 3.2.d del Convenio COMJIB
      Y la lista de motivos de denegación más corta es la del Convenio de Budapest
      Y la ruta más rápida es la del Convenio de Budapest
      Y la respuesta cita el artículo 39.2 del Convenio de Budapest

    Escenario: La solicitud urgente por los puntos de contacto se completa en 48 horas
      Dado el escenario "comjib_ratified_pe_es_pt"
      Y la fecha es 2027-06-01
      Y la medida es asistencia judicial mutua urgente
      Y la solicitud es urgente
      Entonces el Convenio COMJIB aplica
      Y el punto de contacto 24/7 está abierto según el artículo 9.3 del Convenio COMJIB
      Y el plazo es de como máximo 48 horas según el artículo 9.3 del Convenio COMJIB

  Regla: Una reserva al artículo 9.3 vale en ambas direcciones (artículo 18.3)

    Esquema del escenario: El Perú se reserva el 9.3: solicitud urgente de <requirente> a <requerido>
      Dado el escenario "comjib_reservation_pe_9_3"
      Y la fecha es 2027-06-01
      Y una solicitud de <requirente> a <requerido>
      Y la medida es asistencia judicial mutua urgente
      Y la solicitud es urgente
      Entonces el Convenio COMJIB <resultado>

      Ejemplos:
        | requirente | requerido | resultado |
        | España     | Perú      | no aplica |
        | Perú       | España    | no aplica |
        | España     | Portugal  | aplica    |

  Regla: El Convenio sólo rige los actos de cooperación iniciados después de su entrada en vigor (17.3)

    Esquema del escenario: Acto de cooperación iniciado el <inicio>
      Dado el escenario "comjib_ratified_pe_es_pt"
      Y la fecha es 2027-06-01
      Y la medida es asistencia judicial mutua
      Y el acto de cooperación comenzó el <inicio>
      Entonces el Convenio COMJIB <resultado> según el artículo 17.3 del Convenio COMJIB

      Ejemplos:
        | inicio     | resultado |
        | 2027-01-10 | no aplica |
        | 2027-04-10 | aplica    |
