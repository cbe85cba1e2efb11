# language: es
@budapest
Característica: Las demás medidas del Convenio de Budapest (artículos 24, 26, 30, 32 y 35) y las que no prevé
  Revelación rápida de datos de tráfico conservados (30), acceso transfronterizo sin solicitud
  (32), información espontánea (26), asistencia de la red 24/7 (35) y extradición (24). Las
  medidas que el Convenio no prevé (las del Segundo Protocolo, por ejemplo) no se rigen por él.

  Antecedentes:
    Dada la fecha es 2025-03-01
    Y una solicitud de España al Perú

  @art_30
  Regla: La revelación rápida de datos de tráfico sólo puede denegarse por los motivos del artículo 30.2

    Escenario: España pide al Perú datos de tráfico para identificar al proveedor
      Dada la medida es revelación rápida de datos de tráfico conservados
      Y el delito es prueba electrónica de cualquier delito
      Y la solicitud busca datos de tráfico
      Y la solicitud es urgente
      Y no hay tratado de asistencia mutua entre ellos
      Entonces el Convenio de Budapest aplica según el artículo 30.1 del Convenio de Budapest
      Y los motivos de denegación son exactamente: delito político, intereses esenciales según el artículo 30.2 del Convenio de Budapest
      Y delito político es motivo de denegación según el artículo 30.2.a del Convenio de Budapest
      Y los motivos de denegación forman una lista cerrada según el artículo 30.2 del Convenio de Budapest
      Y doble tipificación improbable en el momento de la revelación no es motivo de denegación
      Y la doble tipificación nunca es exigible según el artículo 30.2 del Convenio de Budapest
      Y el plazo es rápido según el artículo 30.1 del Convenio de Budapest
      Y la red 24/7 está abierta según el artículo 35.1.b del Convenio de Budapest
      Y la respuesta impone la condición arises from preservation request según el artículo 30.1 del Convenio de Budapest

  @art_32
  Regla: El acceso transfronterizo del artículo 32 no requiere solicitud

    Escenario: Acceso a datos de fuente abierta o con consentimiento
      Dada la medida es acceso transfronterizo sin solicitud
      Y el delito es fraude informático
      Entonces el Convenio de Budapest aplica según el artículo 32 del Convenio de Budapest
      Y los canales abiertos son exactamente: ningún canal (sin solicitud)
      Y la doble tipificación no aplica según el artículo 32 del Convenio de Budapest
      Y los motivos de denegación son exactamente:
      Y la respuesta impone la condición publicly available data según el artículo 32.a del Convenio de Budapest
      Y la respuesta impone la condición lawful voluntary consent según el artículo 32.b del Convenio de Budapest

  @art_26
  Regla: La información espontánea no tiene canal ni motivos de denegación

    Escenario: España envía información espontánea al Perú
      Dada la medida es información espontánea
      Y el delito es fraude informático
      Entonces el Convenio de Budapest aplica según el artículo 26.1 del Convenio de Budapest
      Y los canales abiertos son exactamente: ninguno
      Y la doble tipificación no aplica
      Y la respuesta impone la condición no channel specified según el artículo 26.1 del Convenio de Budapest
      Y la respuesta impone la condición conditions of use según el artículo 26.2 del Convenio de Budapest

  @art_35
  Regla: La red 24/7 presta asistencia inmediata

    Escenario: Asesoramiento técnico de la red 24/7
      Dada la medida es asistencia de la red 24/7
      Y el delito es fraude informático
      Entonces el Convenio de Budapest aplica
      Y los canales abiertos son exactamente: punto de contacto 24/7
      Y el plazo es inmediato según el artículo 35.1 del Convenio de Budapest
      Y la doble tipificación no aplica
      Y la respuesta impone la condición coordination with mla authority según el artículo 35.2.b del Convenio de Budapest
      Y la respuesta impone la condición facilitate or carry out según el artículo 35.1 del Convenio de Budapest

  @art_24
  Regla: La extradición del artículo 24 sólo alcanza los delitos de los artículos 2 a 11, con doble tipificación

    Escenario: Extradición por fraude informático castigado con 4 años
      Dada la medida es extradición
      Y el delito es fraude informático
      Y la pena máxima es de 4 años
      Y no hay tratado de extradición entre ellos
      Entonces el Convenio de Budapest aplica según el artículo 24.1.a del Convenio de Budapest
      Y la autoridad central está abierta según el artículo 24.7.a del Convenio de Budapest
      Y la doble tipificación es exigida según el artículo 24.1.a del Convenio de Budapest
      Y los motivos de denegación son exactamente: motivos de la ley o del tratado de extradición según el artículo 24.5 del Convenio de Budapest
      Y la respuesta impone la condición penalty threshold según el artículo 24.1.a del Convenio de Budapest
      Y la respuesta impone la condición aut dedere aut judicare según el artículo 24.6 del Convenio de Budapest
      Y la respuesta impone la condición convention as legal basis según el artículo 24.3 del Convenio de Budapest

    Escenario: No hay extradición por el Convenio para un delito ajeno a los artículos 2 a 11
      Dada la medida es extradición
      Y el delito es prueba electrónica de cualquier delito
      Entonces el Convenio de Budapest no aplica porque extradition.scope según el artículo 24.1.a del Convenio de Budapest

    Escenario: Extradición por un delito castigado con 6 meses
      El artículo 24.1.a exige una pena máxima de al menos un año en ambas Partes; un mínimo
      distinto sólo vale si lo fija un tratado o acuerdo de extradición aplicable (24.1.b), y
      el escenario no dice si lo hay: no se puede determinar.
      Dada la medida es extradición
      Y el delito es fraude informático
      Y la pena máxima es de 6 meses
      Entonces no se puede determinar si el Convenio de Budapest aplica

  Regla: Medidas que el Convenio de Budapest no prevé

    Esquema del escenario: <medida>
      Dada la medida es <medida>
      Y el delito es fraude informático
      Entonces el Convenio de Budapest no aplica porque <motivo> según el artículo <artículo> del Convenio de Budapest

      Ejemplos:
        | medida                                                  | artículo | motivo                                          |
        | asistencia mutua de emergencia                          | 25.3     | no tiene un procedimiento propio de asistencia mutua de emergencia |
        | orden directa a un proveedor de información de suscriptores | 18.1.b | poder de derecho interno                       |
        | ejecución de una orden de presentación                  | 31.1     | art. 8 del Segundo Protocolo                    |
        | información de registro de nombres de dominio            | 23       | art. 6 del Segundo Protocolo                    |
        | revelación de emergencia a través de la red 24/7         | 35.1.c   | art. 9 del Segundo Protocolo                    |
        | suministro de datos de emergencia a través de la red 24/7 | 35.1.c  | no tiene ninguna función de suministro de datos en caso de emergencia |
        | videoconferencia                                        | 23       | art. 11 del Segundo Protocolo                   |
        | investigación conjunta                                  | 23       | art. 12 del Segundo Protocolo                   |
        | cooperación policial                                    | 23       | cooperación directa entre policías              |
        | incautación de sistemas informáticos                    | 31.1     | No es una medida propia                         |
        | sellado, precinto y prohibición de uso                   | 31.1     | No es una medida propia                         |
        | copia de datos                                          | 31.1     | No es una medida propia                         |
        | acceso a sistemas de información                        | 31.1     | No es una medida propia                         |
        | acceso a la información contenida en un dispositivo      | 31.1     | No es una medida propia                         |
        | entrega de datos y archivos informáticos                 | 31.1     | No es una medida propia                         |
        | revelación voluntaria por el portal del proveedor        | 23       | no es un canal del tratado                      |

  Regla: Un tratado de asistencia mutua hipotético

    Escenario: Si España y el Perú tuvieran un tratado de asistencia mutua desde 1990
      Dado que España y el Perú tienen un tratado de asistencia mutua en vigor desde el 1990-01-01
      Y la medida es asistencia judicial mutua
      Y el delito es fraude informático
      Entonces el Convenio de Budapest aplica
      Y los canales abiertos son exactamente: canal del tratado aplicable
      Y los motivos de denegación son exactamente: motivos del tratado aplicable o del derecho interno
      Y delito fiscal únicamente es motivo de denegación prohibido según el artículo 25.4 del Convenio de Budapest
      Y los motivos de aplazamiento son exactamente: ninguno
      Y no falta ningún dato
