# language: es
@budapest @art_29
Característica: Conservación rápida de datos informáticos almacenados (Convenio de Budapest, artículo 29)
  Una Parte puede pedir a otra que conserve rápidamente datos almacenados en su territorio
  mientras prepara la solicitud de asistencia mutua (29.1). La doble tipificación no se exige
  (29.3); la solicitud sólo puede denegarse por delito político o por afectar intereses
  esenciales (29.5), y además, para delitos distintos de los de los artículos 2 a 11, por la
  reserva del 29.4 de quien la hizo. La conservación dura al menos 60 días (29.7).

  Antecedentes:
    Dada la fecha es 2025-03-01
    Y la medida es conservación rápida

  Regla: La solicitud de conservación sólo puede denegarse por los motivos del artículo 29.5

    Escenario: España pide al Perú conservar datos de un fraude informático
      Dada una solicitud de España al Perú
      Y el delito es fraude informático
      Y no hay tratado de asistencia mutua entre ellos
      Entonces el Convenio de Budapest aplica según el artículo 29.1 del Convenio de Budapest
      Y los motivos de denegación forman una lista cerrada según el artículo 29.5 del Convenio de Budapest
      Y los motivos de denegación son exactamente: delito político, intereses esenciales
      Y delito político es motivo de denegación por el propio tratado según el artículo 29.5.a del Convenio de Budapest
      Y intereses esenciales es motivo de denegación por el propio tratado según el artículo 29.5.b del Convenio de Budapest
      Y falta de doble incriminación no es motivo de denegación
      Y la doble tipificación nunca es exigible según el artículo 29.3 del Convenio de Budapest
      Y el plazo es de al menos 60 días según el artículo 29.7 del Convenio de Budapest
      Y la respuesta impone la condición duty to warn según el artículo 29.6 del Convenio de Budapest
      Y no falta ningún dato
      Y la respuesta no está marcada con confianza verify

    Escenario: La solicitud de conservación debe precisar los seis elementos del artículo 29.2
      Dada una solicitud de España al Perú
      Y el delito es fraude informático
      Entonces el Convenio de Budapest aplica
      Y la solicitud debe indicar la autoridad que solicita la conservación según el artículo 29.2.a del Convenio de Budapest
      Y la solicitud debe indicar una breve exposición de los hechos según el artículo 29.2.b del Convenio de Budapest
      Y la solicitud debe precisar los datos informáticos almacenados que deben conservarse y su relación con el delito según el artículo 29.2.c del Convenio de Budapest
      Y la solicitud debe indicar el emplazamiento del sistema informático según el artículo 29.2.d del Convenio de Budapest
      Y la solicitud debe indicar la necesidad de la medida de conservación según el artículo 29.2.e del Convenio de Budapest
      Y la solicitud debe indicar que la Parte tiene intención de presentar una solicitud de asistencia mutua según el artículo 29.2.f del Convenio de Budapest

  Regla: Canales: la red 24/7 siempre; la autoridad central sólo sin tratado de asistencia mutua

    Esquema del escenario: Canales de la conservación, <tratado>
      Dada una solicitud de España al Perú
      Y el delito es fraude informático
      Y <tratado> tratado de asistencia mutua entre ellos
      Entonces el Convenio de Budapest aplica
      Y el punto de contacto 24/7 está abierto según el artículo 35.1.b del Convenio de Budapest
      Y los canales abiertos son exactamente: <canales>

      Ejemplos:
        | tratado | canales                                         |
        | no hay  | punto de contacto 24/7, autoridad central       |
        | hay     | punto de contacto 24/7, canal del tratado       |

    Escenario: Sin saber si hay tratado, la autoridad central queda sin determinar
      Dada una solicitud de España al Perú
      Y el delito es fraude informático
      Entonces el Convenio de Budapest aplica
      Y la autoridad central está sin determinar
      Y faltan los datos: tratado de asistencia mutua

  Regla: La reserva del artículo 29.4 sólo alcanza delitos distintos de los de los artículos 2 a 11

    Esquema del escenario: España pide al Perú conservar datos de <delito>
      Dada una solicitud de España al Perú
      Y el delito es <delito>
      Entonces el Convenio de Budapest aplica
      Y los motivos de denegación son exactamente: <motivos>

      Ejemplos: Delitos de los artículos 2 a 11: la reserva del Perú no alcanza
        | delito                            | motivos                                  |
        | acceso ilícito                    | delito político, intereses esenciales    |
        | interceptación ilícita            | delito político, intereses esenciales    |
        | ataque a la integridad de los datos | delito político, intereses esenciales  |
        | ataque a la integridad del sistema | delito político, intereses esenciales   |
        | abuso de los dispositivos         | delito político, intereses esenciales    |
        | falsificación informática         | delito político, intereses esenciales    |
        | fraude informático                | delito político, intereses esenciales    |
        | pornografía infantil              | delito político, intereses esenciales    |
        | infracción de la propiedad intelectual | delito político, intereses esenciales |
        | tentativa y complicidad           | delito político, intereses esenciales    |

      Ejemplos: Otros delitos: la reserva del Perú se suma
        | delito                                                  | motivos                                                                                 |
        | prueba electrónica de cualquier delito                  | delito político, intereses esenciales, doble tipificación improbable en el momento de la revelación |
        | otro delito cometido por medio de un sistema informático | delito político, intereses esenciales, doble tipificación improbable en el momento de la revelación |
        | blanqueo del producto del delito                        | delito político, intereses esenciales, doble tipificación improbable en el momento de la revelación |

    Escenario: La reserva del Perú, fuera de los artículos 2 a 11
      Dada una solicitud de España al Perú
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest aplica
      Y doble tipificación improbable en el momento de la revelación es motivo de denegación por reserva del Perú según el artículo 29.4 del Convenio de Budapest
      Y doble tipificación improbable en el momento de la revelación no es motivo de denegación por el propio tratado

    Escenario: La reserva del Perú no alcanza el acceso ilícito (artículo 2)
      Dada una solicitud de España al Perú
      Y el delito es acceso ilícito
      Entonces el Convenio de Budapest aplica
      Y doble tipificación improbable en el momento de la revelación no es motivo de denegación
      Y la respuesta impone la condición reservation 29 4 not applicable según el artículo 29.4 del Convenio de Budapest

    Esquema del escenario: En sentido inverso, <requirente> pide conservación a <requerido>
      Dada una solicitud de <requirente> a <requerido>
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest aplica
      Y los motivos de denegación son exactamente: <motivos>

      Ejemplos:
        | requirente | requerido | motivos                                                                                   |
        | España     | Perú      | delito político, intereses esenciales, doble tipificación improbable en el momento de la revelación |
        | Perú       | España    | delito político, intereses esenciales                                                     |

    Esquema del escenario: La reserva del 29.4 en distintos Estados requeridos (<Estado>)
      Dada una solicitud de España a <Estado>
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest aplica
      Y doble tipificación improbable en el momento de la revelación <es> motivo de denegación

      Ejemplos: Estados que reservaron el artículo 29.4
        | Estado    | es    |
        | Alemania  | es    |
        | Andorra   | es    |
        | Argentina | es    |
        | Austria   | es    |
        | Japón     | es    |
        | Lituania  | es    |
        | Perú      | es    |
        | Polonia   | es    |
        | Suecia    | es    |

      Ejemplos: Estados sin esa reserva
        | Estado         | es    |
        | Francia        | no es |
        | Estados Unidos | no es |
        | Chequia        | no es |

    Escenario: La reserva de Chile al artículo 29 consta sólo por una fuente secundaria
      El perfil Octopus del Consejo de Europa menciona una reserva de Chile sobre el artículo 29;
      su texto no se ha leído. El motivo se muestra, y la respuesta queda marcada "verify".
      Dada una solicitud de España a Chile
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest aplica
      Y doble tipificación improbable en el momento de la revelación es motivo de denegación
      Y la respuesta está marcada con confianza verify

  Regla: Lo que cambiaría si el Perú retirara su reserva

    Escenario: El Perú retira su reserva al artículo 29.4 el 2026-01-01
      Dado que el Perú retira su reserva al artículo 29.4 del Convenio de Budapest el 2026-01-01
      Y la fecha es 2026-01-01
      Y una solicitud de España al Perú
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest aplica
      Y los motivos de denegación son exactamente: delito político, intereses esenciales

    Escenario: Si España formulara la reserva del artículo 29.4
      Dado que España formula una reserva al artículo 29.4 del Convenio de Budapest
      Y una solicitud del Perú a España
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest aplica
      Y doble tipificación improbable en el momento de la revelación es motivo de denegación por reserva de España según el artículo 29.4 del Convenio de Budapest
