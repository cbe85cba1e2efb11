# language: es
@second_protocol @requires_second_protocol @art_7 @art_16
Característica: Orden directa a un proveedor de otra Parte (Segundo Protocolo, artículo 7)
  El artículo 7 permite a una autoridad de una Parte ordenar directamente a un proveedor de
  servicios situado en otra Parte que revele información de suscriptores. El Protocolo sólo
  está abierto a las Partes en el Convenio de Budapest (16.1) y entra en vigor el primer día
  del mes siguiente a tres meses desde el quinto consentimiento (16.3); hoy no está en vigor.
  Una Parte puede reservarse no aplicar el artículo 7 (7.9.a): Japón lo hizo.

  Antecedentes:
    Dada la medida es orden directa a un proveedor de información de suscriptores
    Y el delito es fraude informático
    Y la solicitud busca información de suscriptores

  Regla: Con los datos reales, el Protocolo no está en vigor

    Escenario: El Perú quiere ordenar a un proveedor en España, en 2025
      Dada la fecha es 2025-03-01
      Y una solicitud del Perú a España
      Entonces el Segundo Protocolo no aplica porque no está en vigor según el artículo 16.3 del Segundo Protocolo
      Y la vía directa al proveedor de servicios está cerrada
      Y el Convenio de Budapest no aplica porque poder de derecho interno

  Regla: Si el Perú y España ratifican, la orden directa queda disponible cuando el Protocolo entra en vigor

    Esquema del escenario: El Perú y España ratifican el 2027-01-01 (escenario incluido; fecha <fecha>)
      Con los tres consentimientos que constan (Serbia, Japón y Hungría, todas Partes en el
      Convenio), las ratificaciones del Perú y de España son la cuarta y la quinta: el Protocolo
      entra en vigor el primer día del mes siguiente a tres meses desde el quinto consentimiento,
      el 2027-05-01 (16.3), para los cinco Estados.
      Dado el escenario "peru_and_spain_ratify_second_protocol"
      Y la fecha es <fecha>
      Y una solicitud del Perú a España
      Entonces el Segundo Protocolo <resultado>
      Y la vía directa al proveedor de servicios está <canal>

      Ejemplos:
        | fecha      | resultado | canal   |
        | 2027-04-30 | no aplica | cerrada |
        | 2027-05-01 | aplica    | abierta |

    Escenario: La orden directa del Perú a un proveedor en España
      Dado que el Perú ratifica el Segundo Protocolo el 2027-01-01
      Y que España ratifica el Segundo Protocolo el 2027-01-01
      Y la fecha es 2027-05-01
      Y una solicitud del Perú a España
      Entonces el Segundo Protocolo aplica según el artículo 7.1 del Segundo Protocolo
      Y los canales abiertos son exactamente: directamente al proveedor de servicios
      Y delito político es motivo de denegación según el artículo 27.4.a del Convenio de Budapest
      Y delito político es motivo de denegación según el artículo 7.5.c.ii del Segundo Protocolo
      Y el plazo es de al menos 30 días según el artículo 7.7 del Segundo Protocolo
      Y la respuesta está marcada con confianza verify
      Y la respuesta cita el artículo 16.3 del Segundo Protocolo

  Regla: La reserva de Japón al artículo 7.9.a impide las órdenes directas a proveedores en Japón
    Japón ratificó en 2023 con la reserva del 7.9.a, que surte efecto cuando el Protocolo entra en
    vigor para Japón. En el escenario incluido "japan_reservation_7_9_a_in_force", Portugal, Chile
    y Colombia ratifican el 2027-03-15 y el Protocolo rige desde el 2027-07-01.

    Escenario: España quiere ordenar a un proveedor en Japón
      Dado el escenario "japan_reservation_7_9_a_in_force"
      Y que España ratifica el Segundo Protocolo el 2027-01-01
      Y la fecha es 2027-07-01
      Y una solicitud de España a Japón
      Entonces el Segundo Protocolo no aplica porque consta una reserva al art. 7.9.a de second_protocol según el artículo 7.9.a del Segundo Protocolo

    Escenario: España puede pedir a Japón que haga ejecutar su orden (artículo 8)
      Dado el escenario "japan_reservation_7_9_a_in_force"
      Y que España ratifica el Segundo Protocolo el 2027-01-01
      Y la fecha es 2027-07-01
      Y una solicitud de España a Japón
      Y la medida es ejecución de una orden de presentación
      Entonces el Segundo Protocolo aplica
      Y el plazo es de como máximo 20 días según el artículo 8.6 del Segundo Protocolo
