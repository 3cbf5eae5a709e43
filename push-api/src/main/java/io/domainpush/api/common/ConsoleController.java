package io.domainpush.api.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Controller;

/**
 * A controller of the console's pages: it answers with views (Thymeleaf templates under
 * {@code templates/console/}), and its errors become pages in the console's layout
 * ({@code shell.ConsoleAdvice}), never problem+json. It lives in its feature's package
 * and calls that feature's service, as the API's controller beside it does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface ConsoleController {

}
