# language: es
@un_cybercrime @requires_un_cybercrime @art_35 @art_65
Característica: Convención de las Naciones Unidas contra la Ciberdelincuencia: el umbral del delito grave
  La Convención coopera respecto de los delitos que tipifica y de la obtención de pruebas
  electrónicas de cualquier delito grave (35.1), es decir, castigado con una pena máxima de al
  menos cuatro años de privación de libertad (2.h). Entra en vigor el nonagésimo día después del
  cuadragésimo instrumento (65.1). En el escenario incluido, cuarenta signatarios ratifican y la
  Convención entra en vigor el 30 de mayo de 2027.

  Antecedentes:
    Dado el escenario "un_convention_in_force"
    Y una solicitud del Perú a España
    Y la medida es asistencia judicial mutua
    Y el delito es prueba electrónica de cualquier delito
    Y no hay tratado de asistencia mutua entre ellos

  Regla: La Convención no rige antes de su entrada en vigor

    Escenario: Un día antes de la entrada en vigor
      Dada la fecha es 2027-05-29
      Y la pena máxima es de 5 años
      Entonces la Convención de las Naciones Unidas contra la Ciberdelincuencia no aplica según el artículo 65.1 de la Convención de las Naciones Unidas contra la Ciberdelincuencia

  Regla: Un delito castigado con menos de cuatro años no es un delito grave

    Esquema del escenario: Pena máxima de <pena>
      Dada la fecha es 2027-05-30
      Y la pena máxima es de <pena>
      Entonces la Convención de las Naciones Unidas contra la Ciberdelincuencia <resultado> según el artículo 2.h de la Convención de las Naciones Unidas contra la Ciberdelincuencia
      Y la respuesta está marcada con confianza verify

      Ejemplos:
        | pena     | resultado |
        | 47 meses | no aplica |
        | 4 años   | aplica    |
