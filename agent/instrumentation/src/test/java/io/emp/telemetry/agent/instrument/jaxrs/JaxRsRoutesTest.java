package io.emp.telemetry.agent.instrument.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route templates composed from JAX-RS annotations, on the class-file descriptions the agent matches with. */
class JaxRsRoutesTest {
    @Test
    void classPathAndMethodPathMakeTheRouteWithoutRegularExpressions() {
        assertEquals("/owners/{id}", routeOf(Owners.class, "show"));
        assertEquals("/owners", routeOf(Owners.class, "list"));
        assertEquals("/owners/{id}/pets/{petId}", routeOf(Owners.class, "pet"));
    }

    @Test
    void annotationsOnTheImplementedInterfaceCount() {
        assertEquals("/visits/{id}", routeOf(VisitsImpl.class, "show"));
        assertTrue(JaxRsRoutes.declaresResourceMethod(TypeDescription.ForLoadedType.of(VisitsApi.class)));
        assertFalse(JaxRsRoutes.declaresResourceMethod(TypeDescription.ForLoadedType.of(VisitsImpl.class)),
                "matched through its interface, as the module's hasSuperType does");
    }

    @Test
    void methodsThatAreNotResourceMethodsHaveNoRoute() {
        assertNull(routeOf(Owners.class, "helper"));
        assertNull(routeOf(Owners.class, "locator"), "a sub-resource locator has no HTTP method");
    }

    @Test
    void templatesAreNormalised() {
        assertEquals("/", JaxRsRoutes.template(null, null));
        assertEquals("/", JaxRsRoutes.template("/", ""));
        assertEquals("/a/b", JaxRsRoutes.template("a/", "//b/"));
        assertEquals("/a/{id}", JaxRsRoutes.template("/a", "{ id : \\d{1,3} }"));
        assertEquals("/files/{path}", JaxRsRoutes.template("files", "{path: .+}"));
    }

    private static String routeOf(Class<?> type, String method) {
        MethodDescription description = TypeDescription.ForLoadedType.of(type).getDeclaredMethods()
                .filter(named(method)).getOnly();
        return JaxRsRoutes.routeOf(description);
    }

    @Path("/owners/")
    public static class Owners {
        @GET
        @Path("{id: [0-9]+}")
        public String show(@PathParam("id") long id) {
            return "";
        }

        @GET
        public String list() {
            return "";
        }

        @POST
        @Path("{id}/pets/{petId}")
        public String pet(@PathParam("id") long id, @PathParam("petId") long petId) {
            return "";
        }

        public String helper() {
            return "";
        }

        @Path("{id}/visits")
        public Object locator() {
            return new Object();
        }
    }

    @Path("visits")
    public interface VisitsApi {
        @GET
        @Path("{id}")
        String show(@PathParam("id") long id);
    }

    public static class VisitsImpl implements VisitsApi {
        @Override
        public String show(long id) {
            return "";
        }
    }
}
