# language: es
@second_protocol @requires_second_protocol @art_10 @art_11 @art_12 @art_5
Característica: Asistencia mutua de emergencia, videoconferencia e investigaciones conjuntas (Segundo Protocolo, artículos 10 a 12)
  El artículo 10 permite pedir asistencia mutua por vía rápida cuando la Parte requirente
  considera que hay una emergencia (10.1), con o sin tratado de asistencia entre las Partes
  (5.4). Sin tratado, rigen los artículos 27 y 28 del Convenio (10.7): vía de las autoridades
  centrales y motivos del 27.4 y del 25.4; con tratado, el tratado aplicable (10.8).
  La videoconferencia (artículo 11) y los equipos conjuntos de investigación (artículo 12)
  forman la sección 5, que sólo se aplica si no hay tratado de asistencia entre las Partes
  (5.5); las investigaciones conjuntas caso por caso del 12.7 se aplican en todo caso.
  Los escenarios suponen que el Perú y España ratifican el 2027-01-01 (escenario incluido):
  el Protocolo entra en vigor el 2027-05-01 (16.3).

  Antecedentes:
    Dado el escenario "peru_and_spain_ratify_second_protocol"
    Y la fecha es 2027-06-01
    Y una solicitud del Perú a España
    Y el delito es fraude informático

  Regla: La asistencia mutua de emergencia exige una emergencia y sigue los artículos 27 y 28 del Convenio si no hay tratado

    Escenario: El Perú pide asistencia de emergencia a España sin tratado de asistencia
      Dada la medida es asistencia mutua de emergencia
      Y la solicitud es de emergencia
      Y no hay tratado de asistencia mutua entre ellos
      Entonces el Segundo Protocolo aplica según el artículo 10.1 del Segundo Protocolo
      Y la autoridad central está abierta según el artículo 10.7 del Segundo Protocolo
      Y la autoridad central está abierta según el artículo 27.2.b del Convenio de Budapest
      Y delito político es motivo de denegación según el artículo 27.4.a del Convenio de Budapest
      Y intereses esenciales es motivo de denegación según el artículo 10.7 del Segundo Protocolo
      Y aplazamiento por una investigación en curso es motivo de aplazamiento según el artículo 27.5 del Convenio de Budapest
      Y la doble incriminación puede exigirse según el artículo 5.6 del Segundo Protocolo
      Y el plazo es rápidamente según el artículo 10.4 del Segundo Protocolo
      Y la solicitud debe indicar facts_showing_emergency según el artículo 10.1 del Segundo Protocolo
      Y la respuesta está marcada con confianza verify

    Escenario: Con un tratado de asistencia, la solicitud de emergencia sigue el tratado
      Dada la medida es asistencia mutua de emergencia
      Y la solicitud es de emergencia
      Y hay tratado de asistencia mutua entre ellos
      Entonces el Segundo Protocolo aplica según el artículo 10.1 del Segundo Protocolo
      Y los canales abiertos son exactamente: canal del tratado aplicable
      Y el canal del tratado aplicable está abierto según el artículo 10.8 del Segundo Protocolo
      Y los motivos de denegación son exactamente: motivos del tratado aplicable o del derecho interno, protección de datos
      Y delito político no es motivo de denegación

    Escenario: Sin emergencia no cabe el artículo 10
      Dada la medida es asistencia mutua de emergencia
      Y la solicitud es urgente
      Y no hay tratado de asistencia mutua entre ellos
      Entonces el Segundo Protocolo no aplica porque emergency según el artículo 10.1 del Segundo Protocolo

  Regla: La videoconferencia y los equipos conjuntos sólo se aplican si no hay tratado de asistencia (5.5)

    Esquema del escenario: <medida>, sin tratado y con tratado
      Dada la medida es <medida>
      Y <tratado>
      Entonces el Segundo Protocolo <resultado>
      Y la respuesta cita el artículo 5.5 del Segundo Protocolo

      Ejemplos:
        | medida           | tratado                                      | resultado |
        | videoconferencia | no hay tratado de asistencia mutua entre ellos | aplica    |
        | videoconferencia | hay tratado de asistencia mutua entre ellos    | no aplica |
        | investigación conjunta | no hay tratado de asistencia mutua entre ellos | aplica |

    Escenario: La videoconferencia pasa por las autoridades centrales y su concesión es discrecional
      Dada la medida es videoconferencia
      Y no hay tratado de asistencia mutua entre ellos
      Entonces el Segundo Protocolo aplica según el artículo 11.1 del Segundo Protocolo
      Y los canales abiertos son exactamente: autoridad central
      Y la autoridad central está abierta según el artículo 11.2 del Segundo Protocolo
      Y discrecional es motivo de denegación según el artículo 11.1 del Segundo Protocolo
      Y los motivos de denegación no forman una lista cerrada
      Y la respuesta impone la condición suspect or accused según el artículo 11.8 del Segundo Protocolo

    Escenario: El equipo conjunto de investigación se comunica directamente
      Dada la medida es investigación conjunta
      Y no hay tratado de asistencia mutua entre ellos
      Entonces el Segundo Protocolo aplica según el artículo 12.1 del Segundo Protocolo
      Y los canales abiertos son exactamente: comunicación directa en el equipo conjunto
      Y la comunicación directa en el equipo conjunto está abierta según el artículo 12.4 del Segundo Protocolo
      Y la doble incriminación no aplica según el artículo 12.1 del Segundo Protocolo
      Y la respuesta impone la condición measures_without_mla_request según el artículo 12.5 del Segundo Protocolo

    Escenario: La investigación conjunta caso por caso cabe aunque haya tratado (12.7)
      Dada la medida es investigación conjunta
      Y hay tratado de asistencia mutua entre ellos
      Entonces el Segundo Protocolo aplica según el artículo 12.7 del Segundo Protocolo
